package firstrefusal.reliability;

import static firstrefusal.reliability.HostileSender.EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.WireMessages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The contract (src/docs/contract.md, "Messages in"): bad input to decide fails with a clear message naming the field, and nothing is written. A
 * corpus of hostile messages (wrong types, missing fields, huge strings, deep JSON, unknown kinds, bad
 * dates, negative and oversized numbers, non-holder responders, size limits), each sent directly and
 * as an SQS record; {@link GeneratedHostileMessagesTest} generates many more.
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class HostileMessagesTest {

    private static final AtomicInteger NEW_OFFERS = new AtomicInteger();
    private static HostileSender sender;

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @BeforeEach
    void tableWithOneOffer() {
        if (sender == null) {
            sender = new HostileSender(client, policy);
        }
    }

    @AfterAll
    static void dropTable() {
        if (sender != null) {
            sender.drop();
            sender = null;
        }
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // Not a message at all.
                bad("not JSON", "{\"kind\": \"offer\", \"offerId\": ", "event"),
                bad("an empty body", "", "event"),
                bad("a JSON array", "[{\"kind\": \"offer\"}]", "event"),
                bad("a JSON string", "\"offer\"", "event"),
                bad("a duplicated key", "{\"kind\": \"offer\", \"kind\": \"withdrawal\"}", "event"),
                bad("JSON nested 40 deep", offer(o -> o.set("note", nested(40))), "event"),
                bad("a 70-digit number", offer(o -> o.put("gpus", 64_000)).replace("64000", "1" + "0".repeat(69)), "event"),
                bad("a message over 16 KiB", offer(o -> o.put("note", "x".repeat(16 * 1024))), "event"),
                // The kind.
                bad("no kind", offer(o -> o.remove("kind")), "kind"),
                bad("an unknown kind", offer(o -> o.put("kind", "bid")), "kind"),
                bad("a kind of 10,000 characters", offer(o -> o.put("kind", "k".repeat(10_000))), "kind"),
                bad("a numeric kind", offer(o -> o.put("kind", 1)), "kind"),
                // Offer fields.
                bad("no offerId", offer(o -> o.remove("offerId")), "offerId"),
                bad("a numeric offerId", offer(o -> o.put("offerId", 42)), "offerId"),
                bad("markup in the offerId", offer(o -> o.put("offerId", "<script>alert(1)</script>")), "offerId"),
                bad("a path in the offerId", offer(o -> o.put("offerId", "../../etc/passwd")), "offerId"),
                bad("an offerId of 129 characters", offer(o -> o.put("offerId", "a".repeat(129))), "offerId"),
                bad("an empty offerId", offer(o -> o.put("offerId", "")), "offerId"),
                bad("revision 0", offer(o -> o.put("revision", 0)), "revision"),
                bad("a customer in capitals", offer(o -> o.put("customer", "US-Gov")), "customer"),
                bad("a customer of 65 characters", offer(o -> o.put("customer", "c".repeat(65))), "customer"),
                bad("an empty customer", offer(o -> o.put("customer", "")), "customer"),
                bad("a customer with a space", offer(o -> o.put("customer", "us national security")), "customer"),
                bad("a numeric customer", offer(o -> o.put("customer", 7)), "customer"),
                bad("a negative revision", offer(o -> o.put("revision", -1)), "revision"),
                bad("a fractional revision", offer(o -> o.put("revision", 1.5)), "revision"),
                bad("a revision beyond int", offer(o -> o.put("revision", 3_000_000_000L)), "revision"),
                bad("a revision as text", offer(o -> o.put("revision", "1")), "revision"),
                bad("an unknown provider", offer(o -> o.put("provider", "aws")), "provider"),
                bad("a provider that is an object", offer(o -> o.putObject("provider").put("id", "oracle")), "provider"),
                bad("no gpus", offer(o -> o.remove("gpus")), "gpus"),
                bad("zero gpus", offer(o -> o.put("gpus", 0)), "gpus"),
                bad("negative gpus", offer(o -> o.put("gpus", -64_000)), "gpus"),
                bad("fractional gpus", offer(o -> o.put("gpus", 1.5)), "gpus"),
                bad("gpus beyond long", offer(o -> o.put("gpus", new BigInteger("99999999999999999999"))), "gpus"),
                bad("gpus as text", offer(o -> o.put("gpus", "64000")), "gpus"),
                bad("gpus beyond any real offer (2^31)", offer(o -> o.put("gpus", 2_147_483_648L)), "gpus"),
                bad("10,000,001 gpus", offer(o -> o.put("gpus", 10_000_001)), "gpus"),
                bad("100,001 megawatts", offer(o -> o.put("megawatts", 100_001)), "megawatts"),
                bad("negative megawatts", offer(o -> o.put("megawatts", -200)), "megawatts"),
                bad("megawatts as an array", offer(o -> o.putArray("megawatts").add(200)), "megawatts"),
                bad("no region", offer(o -> o.remove("region")), "region"),
                bad("a blank region", offer(o -> o.put("region", "   ")), "region"),
                bad("a region of 257 characters", offer(o -> o.put("region", "r".repeat(257))), "region"),
                bad("a control character in the region", offer(o -> o.put("region", "us-tx\u0000abilene")), "region"),
                bad("an unknown workload", offer(o -> o.put("workload", "MINING")), "workload"),
                bad("a lower-case workload", offer(o -> o.put("workload", "training")), "workload"),
                bad("a startDate in words", offer(o -> o.put("startDate", "June 1st")), "startDate"),
                bad("a startDate that does not exist", offer(o -> o.put("startDate", "2025-02-30")), "startDate"),
                bad("a startDate without padding", offer(o -> o.put("startDate", "2025-6-1")), "startDate"),
                bad("a startDate as a number", offer(o -> o.put("startDate", 20250601)), "startDate"),
                bad("a startDate in year 10000", offer(o -> o.put("startDate", "+10000-01-01")), "startDate"),
                bad("zero termMonths", offer(o -> o.put("termMonths", 0)), "termMonths"),
                bad("241 termMonths", offer(o -> o.put("termMonths", 241)), "termMonths"),
                bad("no price", offer(o -> o.remove("pricePerGpuHourUsd")), "pricePerGpuHourUsd"),
                bad("a zero price", offer(o -> o.put("pricePerGpuHourUsd", 0)), "pricePerGpuHourUsd"),
                bad("a negative price", offer(o -> o.put("pricePerGpuHourUsd", -2.1)), "pricePerGpuHourUsd"),
                bad("a price as text", offer(o -> o.put("pricePerGpuHourUsd", "2.10")), "pricePerGpuHourUsd"),
                bad("a price of 10^20 USD per GPU-hour", offer(o -> o.put("pricePerGpuHourUsd", new BigDecimal("1E+20"))),
                        "pricePerGpuHourUsd"),
                bad("a price of 1,000.01 USD per GPU-hour", offer(o -> o.put("pricePerGpuHourUsd", new BigDecimal("1000.01"))),
                        "pricePerGpuHourUsd"),
                bad("a startDate 101 years after receipt", offer(o -> o.put("startDate", "2126-01-22")), "startDate"),
                bad("a startDate 101 years before receipt", offer(o -> o.put("startDate", "1924-01-20")), "startDate"),
                bad("a price with a huge exponent", offer(o -> o.put("pricePerGpuHourUsd", new BigDecimal("1E+999999999"))),
                        "pricePerGpuHourUsd"),
                bad("a price with a tiny exponent", offer(o -> o.put("pricePerGpuHourUsd", new BigDecimal("1E-999999999"))),
                        "pricePerGpuHourUsd"),
                bad("a price of 41 significant digits",
                        offer(o -> o.put("pricePerGpuHourUsd", new BigDecimal("2." + "0".repeat(39) + "1"))), "pricePerGpuHourUsd"),
                bad("a validUntil in words", offer(o -> o.put("validUntil", "tomorrow")), "validUntil"),
                bad("no receivedAt", offer(o -> o.remove("receivedAt")), "receivedAt"),
                bad("a receivedAt without a time", offer(o -> o.put("receivedAt", "2025-01-21")), "receivedAt"),
                bad("a receivedAt as epoch seconds", offer(o -> o.put("receivedAt", 1737471600)), "receivedAt"),
                bad("a receivedAt a billion years out", offer(o -> o.put("receivedAt", "+999999999-01-01T00:00:00Z")), "receivedAt"),
                bad("a receivedAt before year 0", offer(o -> o.put("receivedAt", "-000001-01-01T00:00:00Z")), "receivedAt"),
                // Against what is recorded.
                bad("a revision that skips numbers", revision(3), "revision"),
                bad("revision 1 again with other content", offer(o -> o.put("offerId", EXISTING).put("gpus", 1)), "revision"),
                bad("a provider change in a revision", revision(2, o -> o.put("provider", "google")), "provider"),
                // Holder responses.
                bad("a responder that is not the holder", response(o -> o.put("responder", "oracle")), "responder"),
                bad("no responder", response(o -> o.remove("responder")), "responder"),
                bad("an answer of MAYBE", response(o -> o.put("answer", "MAYBE")), "answer"),
                bad("no responseId", response(o -> o.remove("responseId")), "responseId"),
                bad("a responseId of 129 characters", response(o -> o.put("responseId", "r".repeat(129))), "responseId"),
                bad("a respondedAt in words", response(o -> o.put("respondedAt", "soon")), "respondedAt"),
                bad("a response to an unknown offer", response(o -> o.put("offerId", "no-such-offer")), "offerId"),
                // Withdrawals.
                bad("a withdrawal of an unknown offer", withdrawal(o -> o.put("offerId", "no-such-offer")), "offerId"),
                bad("no withdrawnAt", withdrawal(o -> o.remove("withdrawnAt")), "withdrawnAt"),
                bad("a withdrawnAt with a bad month", withdrawal(o -> o.put("withdrawnAt", "2025-13-01T00:00:00Z")), "withdrawnAt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRejectedNamingTheFieldAndWritesNothing(String name, String message, String field) {
        sender.rejectsDirect(message, field);
        sender.rejectsViaSqs(message);
    }

    @Test
    void eventBridgeEnvelopesNameTheirOwnFields() {
        sender.rejectsDirect(Events.eventBridge("Capacity Bid", "{}"), "detail-type");
        sender.rejectsDirect(Events.eventBridge("Capacity Offer", "\"an offer\""), "detail");
        sender.rejectsDirect(Events.eventBridge("Capacity Offer", "{\"kind\": \"withdrawal\"}"), "detail.kind");
        sender.rejectsDirect(Events.scheduledEvent(Instant.EPOCH).replace("1970-01-01T00:00:00Z", "noon"), "time");
        sender.rejectsViaEventBridge(WireMessages.object(Offers.offer("eb-bad").build()).put("gpus", -1), "gpus");
        sender.rejectsViaEventBridge(WireMessages.object(Offers.match(EXISTING, Offers.RECEIVED)).put("responder", "google"),
                "responder");
    }

    @Test
    void sqsEnvelopesThatAreNotSqsBatchesAreRejected() {
        sender.rejectsDirect("{\"Records\": \"not a list\"}", "Records");
        sender.rejectsDirect("{\"Records\": [42]}", "Records");
        sender.rejectsViaSqs("{\"kind\": \"withdrawal\", \"offerId\": \"" + EXISTING + "\", \"withdrawnAt\": null}");
    }

    @Test
    void sizeLimitsHoldAtTheirBoundaries() throws Exception {
        // A message of exactly 16 KiB is taken; one byte more is not.
        ObjectNode offer = WireMessages.object(Offers.offer("size-limit").build());
        String padded = offer.put("note", "").toString();
        String exact = offer.put("note", "x".repeat(16 * 1024 - padded.length())).toString();
        assertThat(exact.length()).isEqualTo(16 * 1024);
        sender.rejectsDirect(offer.put("note", "x".repeat(16 * 1024 - padded.length() + 1)).toString(), "event");
        assertThat(sender.invoke(exact).get("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");

        // Ids of 128 characters and a region of 256 are taken.
        String longest = "i".repeat(128);
        assertThat(sender.invoke(WireMessages.json(Offers.offer(longest).region("r".repeat(256)).build())).get("offerId").asText())
                .isEqualTo(longest);

        // An invocation over Lambda's 6 MiB is refused before it is parsed.
        String huge = Events.sqs(List.of("x".repeat(6 * 1024 * 1024)));
        sender.rejectsDirect(huge, "event");
    }

    private static Arguments bad(String name, String message, String field) {
        return Arguments.of(name, message, field);
    }

    /** A new offer with an id of its own, so that one case accepted by mistake cannot mask the next as a conflict. */
    private static String offer(Consumer<ObjectNode> change) {
        ObjectNode o = WireMessages.object(Offers.offer("hostile-new-" + NEW_OFFERS.incrementAndGet()).build());
        change.accept(o);
        return o.toString();
    }

    private static String revision(int revision) {
        return revision(revision, o -> { });
    }

    private static String revision(int revision, Consumer<ObjectNode> change) {
        ObjectNode o = WireMessages.object(Offers.offer(EXISTING).revision(revision).price("1.50").build());
        change.accept(o);
        return o.toString();
    }

    private static String response(Consumer<ObjectNode> change) {
        ObjectNode o = WireMessages.object(Offers.match(EXISTING, Offers.RECEIVED.plusSeconds(3600)));
        change.accept(o);
        return o.toString();
    }

    private static String withdrawal(Consumer<ObjectNode> change) {
        ObjectNode o = WireMessages.object(Offers.withdrawal(EXISTING, Offers.RECEIVED.plusSeconds(3600)));
        change.accept(o);
        return o.toString();
    }

    /** {"a": {"a": ... }} nested {@code depth} objects deep. */
    static ObjectNode nested(int depth) {
        ObjectNode root = WireMessages.JSON.createObjectNode();
        ObjectNode at = root;
        for (int i = 1; i < depth; i++) {
            at = at.putObject("a");
        }
        return root;
    }
}
