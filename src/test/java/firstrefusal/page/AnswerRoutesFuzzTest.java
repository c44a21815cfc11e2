package firstrefusal.page;

import org.junit.jupiter.api.extension.ExtendWith;
import firstrefusal.support.ExpectedLogs;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.answer.AnswerLinks;
import firstrefusal.answer.Answering;
import firstrefusal.answer.Csrf;
import firstrefusal.answer.LinkKeys;
import firstrefusal.answer.LinkToken;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.operations.Metrics;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.OnItsOwnTable;
import firstrefusal.support.TableAudit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand random and mutated requests to {@code /answer/} through the page's routes, on DynamoDB Local: tokens
 * mutated byte by byte, cut, stretched or random; form bodies mutated, random, base64 or not; methods of every kind.
 * None gets a 500 and none writes anything: one offer was answered on its link already (so its link can only repeat or
 * be refused), and the other's link is only ever posted without its own CSRF token. Seeded: {@code
 * -Danswer.routes.seed=<seed>} replays a run.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
@ExtendWith(ExpectedLogs.class)
class AnswerRoutesFuzzTest extends OnItsOwnTable {

    private static final int RUNS = 10_000;
    private static final Instant NOW = Offers.RECEIVED.plus(Duration.ofDays(2));
    private static final String ODD = "=&%+;. \t\n\0\"'<>{}[]\\é€\uD83D\uDE00";

    @Inject
    StatusPageConfig config;

    private final long seed = Long.getLong("answer.routes.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @Test
    void noRequestToTheAnswerPageFailsOrWritesAnything() {
        LinkKeys keys = LinkKeys.of(Map.of("k1", AnswerPageTest.KEY_1), Optional.empty());
        PageRoutes page = new PageRoutes(table.store(), table.ledger(), table.proofs(), Deployments.only(Agreement.of(policy)),
                Clock.fixed(NOW, ZoneOffset.UTC), config, new Metrics(false), table.decisions(),
                new Answering(Optional.of(URI.create("https://a.test")), Optional.of(keys)));
        String answered = link(keys, "fuzz-answered");
        String pending = link(keys, "fuzz-pending");
        String csrfAnswered = new Csrf(keys).tokenFor(((LinkToken.Valid) new LinkToken(keys).verify(answered, NOW)).jti());
        assertThat(page.handle(post(answered, "answer=MATCH&csrf=" + csrfAnswered + "&confirm=yes")).status()).isEqualTo(200);
        TableAudit.Report before = table.audit();
        int itemsBefore = items();

        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            boolean onAnswered = random.nextBoolean();
            String token = token(onAnswered ? answered : pending);
            String body = body(onAnswered ? csrfAnswered : new Csrf(keys).tokenFor("another-link-" + random.nextInt(3)));
            PageRequest request = switch (random.nextInt(6)) {
                case 0, 1 -> get("/answer/" + token, random.nextBoolean() ? Map.of() : Map.of("answer", word()));
                case 2 -> new PageRequest(new String[] {"PUT", "DELETE", "HEAD", "PATCH"}[random.nextInt(4)], "/answer/" + token,
                        Map.of(), "text/html", null, body, random.nextBoolean());
                default -> random.nextInt(4) == 0 ? new PageRequest("POST", "/answer/" + token, Map.of(), "text/html", null,
                        Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)), true)
                        : post(token, body);
            };
            PageResponse response = page.handle(request);
            statuses.merge(response.status(), 1, Integer::sum);
            assertThat(response.status()).as("seed %d, run %d: %s %s with %s", seed, i, request.method(), request.path(),
                    request.body()).isIn(200, 400, 403, 404, 405, 409, 410);
            assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        }
        System.out.println("AnswerRoutesFuzzTest: seed " + seed + ", " + RUNS + " requests, statuses " + statuses);
        assertThat(table.audit()).as("nothing written, seed %d", seed).isEqualTo(before);
        assertThat(items()).as("not one item more, seed %d", seed).isEqualTo(itemsBefore);
        assertThat(statuses.keySet()).as("the fuzz reaches the refusals it is about").contains(403, 404, 405);
    }

    /** Every item of the table, counted by the test (a scan: the table is this test's own, and small). */
    private int items() {
        return client.scan(s -> s.tableName(table.name()).select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                .consistentRead(true)).count();
    }

    private String link(LinkKeys keys, String offerId) {
        table.decisions().decide(Offers.offer(offerId).build());
        table.decisions().noticeSent(new Notice(offerId, 1, Offers.RECEIVED));
        OfferRecord record = table.store().load(offerId).orElseThrow();
        String url = AnswerLinks.of(URI.create("https://a.test"), new LinkToken(keys)).url(offerId, record.state().window(),
                record.state().decision().firstRefusalDeadline()).orElseThrow();
        return url.substring("https://a.test/answer/".length());
    }

    private static PageRequest get(String path, Map<String, String> query) {
        return new PageRequest("GET", path, query, "text/html");
    }

    private static PageRequest post(String token, String body) {
        return new PageRequest("POST", "/answer/" + token, Map.of(), "text/html", null, body, false);
    }

    /** The link as given, or mutated: a character changed, dropped or added, cut, doubled, or something else altogether. */
    private String token(String valid) {
        StringBuilder t = new StringBuilder(valid);
        switch (random.nextInt(7)) {
            case 0 -> {
                return valid;
            }
            case 1 -> t.setCharAt(random.nextInt(t.length()), (char) (33 + random.nextInt(94)));
            case 2 -> t.deleteCharAt(random.nextInt(t.length()));
            case 3 -> t.insert(random.nextInt(t.length() + 1), ODD.charAt(random.nextInt(ODD.length())));
            case 4 -> t.setLength(random.nextInt(t.length()));
            case 5 -> t.append('.').append(valid);
            default -> {
                return random(random.nextInt(300));
            }
        }
        return t.toString();
    }

    /** A form: as the page posts it, or with its fields dropped, repeated, garbled, oversized or random. */
    private String body(String csrf) {
        String form = "answer=" + word() + "&csrf=" + csrf + "&confirm=" + (random.nextBoolean() ? "yes" : word());
        return switch (random.nextInt(8)) {
            case 0 -> form;
            case 1 -> form.replace("&confirm=yes", "");
            case 2 -> form.replace("csrf=" + csrf, "csrf=" + csrf + "&csrf=" + csrf);
            case 3 -> form + "&" + random(random.nextInt(50));
            case 4 -> random(random.nextInt(200));
            case 5 -> "x".repeat(5_000);
            case 6 -> form.substring(0, random.nextInt(form.length()));
            default -> form.replace("=", "%zz=");
        };
    }

    private String word() {
        return Set.of("MATCH", "DECLINE", "match", "", "MAYBE", "yes").stream().skip(random.nextInt(6)).findFirst().orElseThrow();
    }

    private String random(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(5) == 0 ? ODD.charAt(random.nextInt(ODD.length())) : (char) (32 + random.nextInt(95)));
        }
        return s.toString();
    }
}
