package firstrefusal.reliability;

import static firstrefusal.reliability.HostileSender.EXISTING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.WireMessages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A property of decide, checked on generated input: <em>every</em> malformed message is rejected with
 * an error naming the field at fault, whichever way it arrives, and writes nothing. Each try takes a
 * valid offer, holder answer or withdrawal and breaks it in exactly one way (a field removed, of the
 * wrong JSON type, or out of range; an unknown kind; or a broken document: truncated, too deep, too
 * large, duplicated keys), so the field to blame is known.
 *
 * <p>Seeded and reproducible: a failure names its try and seed; {@code -Dreliability.hostile-seed=S}
 * and {@code -Dreliability.hostile-tries=N} rerun or widen it. Hand-rolled rather than jqwik: src/docs/RELIABILITY.md says why.
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class GeneratedHostileMessagesTest {

    private static final Logger LOG = Logger.getLogger(GeneratedHostileMessagesTest.class);
    private static final int TRIES = Integer.getInteger("reliability.hostile-tries", 400);
    private static final long SEED = Long.getLong("reliability.hostile-seed", 31337L);

    private enum Type { ID, PROVIDER, RESPONDER, TEXT, WORKLOAD, ANSWER, DATE, INSTANT, REVISION, GPUS, TERM, DECIMAL }

    private static final Map<String, Type> FIELDS = Map.ofEntries(
            Map.entry("offerId", Type.ID), Map.entry("responseId", Type.ID), Map.entry("provider", Type.PROVIDER),
            Map.entry("responder", Type.RESPONDER), Map.entry("region", Type.TEXT), Map.entry("workload", Type.WORKLOAD),
            Map.entry("answer", Type.ANSWER), Map.entry("startDate", Type.DATE), Map.entry("receivedAt", Type.INSTANT),
            Map.entry("validUntil", Type.INSTANT), Map.entry("respondedAt", Type.INSTANT), Map.entry("withdrawnAt", Type.INSTANT),
            Map.entry("revision", Type.REVISION), Map.entry("gpus", Type.GPUS), Map.entry("termMonths", Type.TERM),
            Map.entry("pricePerGpuHourUsd", Type.DECIMAL), Map.entry("megawatts", Type.DECIMAL));
    /** Absent is fine for these; null too. */
    private static final List<String> OPTIONAL = List.of("revision", "megawatts", "validUntil");
    private static final String BAD_ID_CHARS = "<>\"' /\\%&;?#@!$()[]{}é中\u0000\n\t+=,`|~*^";

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    /** One broken message: its text, the message as an object when the break is inside a field, and the field to blame. */
    private record Case(String description, String body, ObjectNode message, String field) {
    }

    @Test
    void everyGeneratedMalformedMessageIsRejectedNamingItsFieldAndWritesNothing() {
        HostileSender sender = new HostileSender(client, policy);
        Random random = new Random(SEED);
        Map<String, Integer> byField = new TreeMap<>();
        Map<String, Integer> byEnvelope = new TreeMap<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < TRIES; i++) {
                Case broken = generate(random, i);
                String envelope = random.nextInt(10) < 3 ? "sqs" : broken.message() != null && random.nextBoolean() ? "eventbridge" : "direct";
                try {
                    switch (envelope) {
                        case "sqs" -> sender.rejectsViaSqs(broken.body());
                        case "eventbridge" -> sender.rejectsViaEventBridge(broken.message(), broken.field());
                        default -> sender.rejectsDirect(broken.body(), broken.field());
                    }
                } catch (AssertionError e) {
                    throw new AssertionError("try " + i + " (seed " + SEED + ", " + envelope + "): " + broken.description() + ": "
                            + e.getMessage(), e);
                }
                byField.merge(broken.field(), 1, Integer::sum);
                byEnvelope.merge(envelope, 1, Integer::sum);
            }
        } finally {
            sender.drop();
        }
        LOG.infof("hostile input: %d generated messages (seed %d) rejected naming the field, nothing written; by envelope %s; "
                + "by field %s; %d ms", TRIES, SEED, byEnvelope, byField, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static Case generate(Random random, int n) {
        ObjectNode base = switch (random.nextInt(3)) {
            case 0 -> WireMessages.object(Offers.offer("gen-" + n).validUntil(Offers.DEADLINE.plus(Duration.ofDays(30))).build());
            case 1 -> WireMessages.object(Offers.match(EXISTING, Offers.RECEIVED.plus(Duration.ofMinutes(1 + random.nextInt(10_000)))));
            default -> WireMessages.object(Offers.withdrawal(EXISTING, Offers.RECEIVED.plus(Duration.ofMinutes(1 + random.nextInt(10_000)))));
        };
        int kind = random.nextInt(10);
        if (kind < 2) {
            return brokenDocument(base, random);
        }
        if (kind < 3) {
            return brokenKind(base, random);
        }
        return brokenField(base, random);
    }

    /** Broken as JSON or as a whole: the error names the event (or the SQS body). */
    private static Case brokenDocument(ObjectNode base, Random random) {
        String json = base.toString();
        String open = json.substring(0, json.length() - 1);
        return switch (random.nextInt(6)) {
            case 0 -> document("truncated", json.substring(0, random.nextInt(json.length())));
            case 1 -> document("nested too deep", base.deepCopy().set("note", HostileMessagesTest.nested(33 + random.nextInt(300))).toString());
            case 2 -> document("a duplicated key", "{\"kind\":\"offer\"," + json.substring(1));
            case 3 -> document("a number over 64 digits", open + ",\"note\":" + digits(random, 65 + random.nextInt(500)) + "}");
            case 4 -> document("over 16 KiB", open + ",\"note\":\"" + "x".repeat(16 * 1024 + random.nextInt(20_000)) + "\"}");
            default -> document("not an object", List.of("[" + json + "]", "\"" + json.replace("\"", "'") + "\"", "42", "true", "null")
                    .get(random.nextInt(5)));
        };
    }

    private static Case brokenKind(ObjectNode base, Random random) {
        ObjectNode message = base.deepCopy();
        String kind = message.get("kind").asText();
        switch (random.nextInt(4)) {
            case 0 -> message.remove("kind");
            case 1 -> message.put("kind", random.nextInt());
            case 2 -> message.put("kind", kind.toUpperCase());
            default -> message.put("kind", letters(random, 1 + random.nextInt(3_000)));
        }
        return new Case("kind " + HostileSender.shorten(String.valueOf(message.get("kind"))), message.toString(), null, "kind");
    }

    /** One field removed, of the wrong JSON type, or out of range. */
    private static Case brokenField(ObjectNode base, Random random) {
        List<String> fields = base.properties().stream().map(Map.Entry::getKey).filter(FIELDS::containsKey).toList();
        String field = fields.get(random.nextInt(fields.size()));
        ObjectNode message = base.deepCopy();
        String how;
        int choice = random.nextInt(4);
        if (choice == 0 && !OPTIONAL.contains(field)) {
            message.remove(field);
            how = "removed";
        } else if (choice == 1) {
            how = wrongType(message, field, random);
        } else {
            how = outOfRange(message, field, random);
        }
        return new Case(field + " " + how, message.toString(), message, field);
    }

    private static String wrongType(ObjectNode message, String field, Random random) {
        JsonNode valid = message.get(field);
        boolean textual = valid.isTextual();
        switch (random.nextInt(4)) {
            case 0 -> {
                if (textual) {
                    message.put(field, random.nextInt(1_000_000));
                } else {
                    message.put(field, String.valueOf(random.nextInt(1_000_000)));
                }
            }
            case 1 -> message.put(field, random.nextBoolean());
            case 2 -> message.putArray(field).add(valid);
            default -> message.putObject(field).put("value", 1);
        }
        return "of the wrong type: " + message.get(field);
    }

    private static String outOfRange(ObjectNode message, String field, Random random) {
        switch (FIELDS.get(field)) {
            case ID -> message.put(field, badId(random));
            case PROVIDER -> message.put(field, random.nextBoolean() ? badId(random) : "x9" + letters(random, 1 + random.nextInt(20)));
            case RESPONDER -> message.put(field, List.of("oracle", "softbank", "coreweave", "google", "stargate", badId(random))
                    .get(random.nextInt(6)));
            case TEXT -> message.put(field, switch (random.nextInt(3)) {
                case 0 -> " ".repeat(1 + random.nextInt(10));
                case 1 -> "r".repeat(257 + random.nextInt(8_000));
                default -> "us-" + (char) (random.nextBoolean() ? random.nextInt(0x20) : 0x7f + random.nextInt(0x21)) + "-east";
            });
            case WORKLOAD, ANSWER -> message.put(field, switch (random.nextInt(3)) {
                case 0 -> message.get(field).asText().toLowerCase();
                case 1 -> message.get(field).asText() + "_" + letters(random, 3);
                default -> letters(random, random.nextInt(40));
            });
            case DATE -> message.put(field, List.of("2025-02-29", "2025-13-01", "2025-00-10", "2025-6-1", "01-06-2025", "2025/06/01",
                    "+10000-01-01", "-0001-01-01", corrupt("2025-06-01", random)).get(random.nextInt(9)));
            case INSTANT -> message.put(field, List.of("2025-01-21", "2025-01-21T15:00:00", "2025-01-21 15:00:00Z", "yesterday",
                    "+10000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "+999999999-12-31T00:00:00Z",
                    corrupt("2025-01-21T15:00:00Z", random)).get(random.nextInt(8)));
            case REVISION, TERM -> {
                switch (random.nextInt(4)) {
                    case 0 -> message.put(field, -random.nextInt(1_000));
                    case 1 -> message.put(field, new BigDecimal(random.nextInt(100) + ".5"));
                    case 2 -> message.put(field, 2_147_483_648L + random.nextInt(1_000));
                    default -> message.put(field, field.equals("termMonths") ? 241 + random.nextInt(10_000) : 0);
                }
            }
            case GPUS -> {
                switch (random.nextInt(3)) {
                    case 0 -> message.put(field, -random.nextInt(1_000_000));
                    case 1 -> message.put(field, new BigDecimal(random.nextInt(1_000) + ".25"));
                    default -> message.put(field, new BigInteger(digits(random, 20 + random.nextInt(40))));
                }
            }
            case DECIMAL -> {
                switch (random.nextInt(4)) {
                    case 0 -> message.put(field, BigDecimal.valueOf(-random.nextInt(1_000), random.nextInt(3)));
                    case 1 -> message.put(field, new BigDecimal("1E+" + (21 + random.nextInt(999_999_000))));
                    case 2 -> message.put(field, new BigDecimal("1E-" + (19 + random.nextInt(999_999_000))));
                    default -> message.put(field, new BigDecimal("2." + digits(random, 19 + random.nextInt(40)) + "1"));
                }
            }
        }
        return "out of range: " + HostileSender.shorten(message.get(field).toString());
    }

    private static Case document(String description, String body) {
        return new Case(description, body, null, "event");
    }

    /** Always outside [A-Za-z0-9._:-]{1,128}: empty, too long, or with a character the pattern refuses. */
    private static String badId(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> "i".repeat(129 + random.nextInt(2_000));
            default -> "id-" + BAD_ID_CHARS.charAt(random.nextInt(BAD_ID_CHARS.length())) + letters(random, random.nextInt(10));
        };
    }

    /** A digit of a valid date or instant replaced by a letter: never valid. */
    private static String corrupt(String valid, Random random) {
        int at;
        do {
            at = random.nextInt(valid.length());
        } while (!Character.isDigit(valid.charAt(at)));
        return valid.substring(0, at) + (char) ('a' + random.nextInt(26)) + valid.substring(at + 1);
    }

    private static String letters(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static String digits(Random random, int length) {
        StringBuilder s = new StringBuilder().append(1 + random.nextInt(9));
        for (int i = 1; i < length; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }
}
