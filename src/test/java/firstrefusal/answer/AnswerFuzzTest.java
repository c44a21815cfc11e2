package firstrefusal.answer;

import static firstrefusal.answer.TestLinks.DEADLINE;
import static firstrefusal.answer.TestLinks.GRACE;
import static firstrefusal.answer.TestLinks.NOW;
import static firstrefusal.answer.TestLinks.OLD_KEY;
import static firstrefusal.answer.TestLinks.OPENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import firstrefusal.answer.AnswerForm.Form;
import firstrefusal.answer.AnswerForm.Refused;
import firstrefusal.answer.LinkToken.Expired;
import firstrefusal.answer.LinkToken.Invalid;
import firstrefusal.answer.LinkToken.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whatever reaches {@code /answer/<token>} or its form, the answer is one of the sealed results and nothing throws.
 * Seeded: the seed is printed, and {@code -Danswer.fuzz.seed=<seed>} replays a failure exactly.
 */
class AnswerFuzzTest {

    private static final int RUNS = 12_000;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String ODD = ".=+/%&; \t\n\r\0\"'{}[]:,\\é€\uD83D\uDE00\uFFFF\uD800";

    private final long seed = Long.getLong("answer.fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final LinkToken links = new LinkToken(TestLinks.rotated());
    private final LinkToken before = new LinkToken(TestLinks.oneKey());
    /** Tokens this test signs; a mutation of one may verify only as one of them (a base64 char's unused bits). */
    private final List<String> signed = List.of(before.sign("o-1", 2, OPENED, DEADLINE, GRACE),
            links.sign("o-1", 2, OPENED, DEADLINE, GRACE), links.sign("offer:7.b", 1, OPENED, DEADLINE.plusSeconds(9), GRACE));
    private final Set<LinkToken.Verified> known = Set.of(links.verify(signed.get(0), NOW), links.verify(signed.get(2), NOW));

    @Test
    void everyTokenGivesOneOfTheResultsAndNothingThrows() {
        System.out.println("AnswerFuzzTest tokens: seed " + seed + " (replay with -Danswer.fuzz.seed=" + seed + ")");
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            int strategy = random.nextInt(10);
            String input = strategy == 9 ? craftedWithTheKey() : token(strategy);
            // Made here with a real key (any claims) or a mutation of a token this signed (only its own claims may pass).
            boolean signedHere = strategy == 9 || strategy == 5;
            Instant now = random.nextInt(4) == 0 ? NOW.plusSeconds(random.nextLong(-1L << 32, 1L << 32)) : NOW;
            LinkToken.Verified result;
            try {
                result = links.verify(input, now);
            } catch (Throwable t) {
                throw new AssertionError(replay(i, input), t);
            }
            seen.merge(result instanceof Invalid bad ? "Invalid: " + bad.reason().replaceAll("[ ('].*", "")
                    : result.getClass().getSimpleName(), 1, Integer::sum);
            switch (result) {
                case Valid v -> {
                    if (!signedHere) {
                        assertThat(known).as(replay(i, input)).contains(v);
                    }
                }
                case Expired e -> assertThat(e.expiredAt()).as(replay(i, input)).isNotNull();
                case Invalid bad -> assertThat(bad.reason()).as(replay(i, input)).isNotBlank();
                case null -> fail(replay(i, input) + ": null");
            }
        }
        System.out.println("AnswerFuzzTest tokens: " + seen);
        // A fuzz that only ever met one kind of refusal would prove little: each result must have come up.
        assertThat(seen).containsKeys("Valid", "Expired", "Invalid: bad", "Invalid: unknown", "Invalid: alg", "Invalid: not");
    }

    @Test
    void everyFormBodyGivesOneOfTheResultsAndNothingThrows() {
        System.out.println("AnswerFuzzTest forms: seed " + seed + " (replay with -Danswer.fuzz.seed=" + seed + ")");
        Csrf csrf = new Csrf(TestLinks.rotated());
        String jti = LinkToken.jti("o-1", 2, OPENED);
        String valid = "answer=MATCH&csrf=" + csrf.tokenFor(jti) + "&confirm=yes";
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            String body = switch (random.nextInt(4)) {
                case 0 -> noise(random.nextInt(200));
                case 1 -> mutate(valid, 1 + random.nextInt(3), ODD + "&=%");
                case 2 -> shuffled(valid);
                default -> random.nextInt(20) == 0 ? valid + "&x=" + "a".repeat(random.nextInt(8000)) : valid;
            };
            boolean base64 = random.nextBoolean();
            if (base64 && random.nextInt(5) > 0) {
                body = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
            }
            AnswerForm.Read result;
            try {
                result = AnswerForm.read(body, base64, csrf, jti);
            } catch (Throwable t) {
                throw new AssertionError(replay(i, body), t);
            }
            seen.merge(result instanceof Refused r ? r.kind() + " " + r.field() : "Form", 1, Integer::sum);
            switch (result) {
                case Form f -> assertThat(f.answer()).as(replay(i, body)).isNotNull();
                case Refused r -> {
                    assertThat(r.field()).as(replay(i, body)).isIn("body", "csrf", "confirm", "answer");
                    assertThat(r.message()).as(replay(i, body)).contains(r.field());
                    assertThat(r.kind().status).isIn(400, 403);
                }
                case null -> fail(replay(i, body) + ": null");
            }
        }
        System.out.println("AnswerFuzzTest forms: " + seen);
        assertThat(seen).containsKeys("Form", "BAD_REQUEST body", "BAD_REQUEST answer", "FORBIDDEN csrf", "FORBIDDEN confirm");
    }

    /** A mutation of a signed token, or something random. */
    private String token(int strategy) {
        String t = signed.get(random.nextInt(signed.size()));
        String[] parts = t.split("\\.");
        return switch (strategy) {
            case 0 -> noise(random.nextInt(300));
            case 1 -> mutate(t, 1, ALPHABET);
            case 2 -> t.substring(0, random.nextInt(t.length() + 1));
            case 3 -> insert(t, ".", 1 + random.nextInt(3));
            case 4 -> {
                parts[random.nextInt(3)] = garbage(random.nextInt(120));
                yield String.join(".", parts);
            }
            case 5 -> TestLinks.craft("{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{\"offerId\":\"" + "o".repeat(random.nextInt(4000))
                    + "\",\"revision\":2,\"jti\":\"" + "j".repeat(random.nextInt(200)) + "\",\"exp\":" + DEADLINE.getEpochSecond()
                    + ",\"pad\":\"" + "x".repeat(random.nextInt(3000)) + "\"}", OLD_KEY);
            case 6 -> parts[0] + "." + signed.get(random.nextInt(3)).split("\\.")[1] + "." + parts[2];
            case 7 -> mutate(t, 2 + random.nextInt(6), ALPHABET + ODD);
            default -> insert(t, String.valueOf(ODD.charAt(random.nextInt(ODD.length()))), 1);
        };
    }

    /** Signed with a real key but with headers and claims of any shape: only the checks after the signature stand. */
    private String craftedWithTheKey() {
        String[] algs = {"HS256", "HS256", "none", "HS512", "RS256"};
        String[] values = {"\"o-1\"", "2", "2.5", "-1", "null", "true", "[]", "{}", "\"\"", "9223372036854775807", "1e400",
                String.valueOf(DEADLINE.getEpochSecond()), "\"" + LinkToken.jti("o-1", 2, OPENED) + "\""};
        StringBuilder claims = new StringBuilder("{");
        for (String name : new String[] {"offerId", "revision", "jti", "exp"}) {
            if (random.nextInt(6) > 0) {
                claims.append(claims.length() > 1 ? "," : "").append('"').append(name).append("\":")
                        .append(values[random.nextInt(values.length)]);
            }
        }
        String kid = List.of("k1", "k2", "k9").get(random.nextInt(3));
        String header = "{\"alg\":\"" + algs[random.nextInt(algs.length)] + "\",\"kid\":\"" + kid + "\"}";
        return TestLinks.craft(header, claims.append('}').toString(), random.nextBoolean() ? OLD_KEY : TestLinks.NEW_KEY);
    }

    private String noise(int length) {
        String chars = ALPHABET + ODD;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x10000) : chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }

    private String garbage(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return random.nextBoolean() ? Base64.getUrlEncoder().withoutPadding().encodeToString(b) : Base64.getEncoder().encodeToString(b);
    }

    private String mutate(String s, int times, String chars) {
        StringBuilder b = new StringBuilder(s);
        for (int k = 0; k < times && !b.isEmpty(); k++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.setCharAt(at, chars.charAt(random.nextInt(chars.length())));
                case 1 -> b.deleteCharAt(at);
                default -> b.insert(at, chars.charAt(random.nextInt(chars.length())));
            }
        }
        return b.toString();
    }

    private String insert(String s, String what, int times) {
        StringBuilder b = new StringBuilder(s);
        for (int k = 0; k < times; k++) {
            b.insert(random.nextInt(b.length() + 1), what);
        }
        return b.toString();
    }

    private String shuffled(String body) {
        List<String> fields = new java.util.ArrayList<>(List.of(body.split("&")));
        fields.add(List.of("answer=DECLINE", "confirm=no", "csrf=", "answer=", "=", "&&", "%", "x=%41", "answer=MATCH").get(random.nextInt(9)));
        java.util.Collections.shuffle(fields, random);
        return String.join("&", fields);
    }

    private String replay(int i, String input) {
        String shown = input == null ? "null" : input.length() > 300 ? input.substring(0, 300) + "...(" + input.length() + ")" : input;
        return "seed " + seed + ", case " + i + ": " + shown;
    }
}
