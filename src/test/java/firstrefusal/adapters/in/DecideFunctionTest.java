package firstrefusal.adapters.in;

import static firstrefusal.support.Events.answer;
import static firstrefusal.support.Events.eventBridge;
import static firstrefusal.support.Events.offer;
import static firstrefusal.support.Events.scheduledEvent;
import static firstrefusal.support.Events.sqs;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.amazonaws.services.lambda.runtime.Context;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.Notice;
import firstrefusal.operations.Metrics;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.TableProbe;
import firstrefusal.support.TestPorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.parsing.Parser;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The decide function end to end: events posted to Quarkus' mock Lambda event server, which invokes the
 * handler exactly as the runtime would, against DynamoDB Local.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DecideFunctionTest {

    static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");
    static final Instant DEADLINE = Instant.parse("2025-02-04T15:00:00Z");

    @Inject
    TableProbe table;

    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient client;

    @Inject
    firstrefusal.domain.policy.Policy policy;

    @Inject
    DecideFunction function;

    /** Where notify records its notices; here the test records them, as notify would have. */
    @Inject
    DecisionService decisions;

    @Test
    void aDirectOfferGetsItsDecisionAndTheDecisionIsDurable() {
        String id = fresh("oracle-abilene");

        invoke(offer(id, RECEIVED, null)).statusCode(200)
                .body("offerId", equalTo(id))
                .body("status", equalTo("PENDING_FIRST_REFUSAL"))
                .body("rule", equalTo("FIRST_REFUSAL_REQUIRED"))
                .body("reason", equalTo("New third-party capacity: the holder has first refusal until 2025-02-04T15:00:00Z"))
                .body("firstRefusalDeadline", equalTo("2025-02-04T15:00:00Z"))
                .body("decidedAt", equalTo("2025-01-21T15:00:00Z"))
                .body("policyVersion", equalTo("2025-01-21"))
                .body("duplicate", equalTo(false));

        assertThat(table.state(id)).containsKeys("offer", "decision", "outstanding", "dueAt");
        assertThat(table.itemsOf(id)).as("state + one history item").isEqualTo(2);
        assertThat(table.state(id).get("offer").m().get("pricePerGpuHourUsd").s()).as("2.10 sent, 2.10 kept").isEqualTo("2.10");
    }

    @Test
    void anSqsBatchReportsOnlyTheMalformedRecordAndProcessesTheRest() {
        String first = fresh("sqs-a");
        String last = fresh("sqs-c");

        invoke(sqs(List.of(offer(first, RECEIVED, null), "{\"kind\": \"offer\", \"offerId\": ", offer(last, RECEIVED, null))))
                .statusCode(200)
                .body("batchItemFailures.itemIdentifier", contains("m-1"));

        assertThat(table.itemsOf(first)).isEqualTo(2);
        assertThat(table.itemsOf(last)).isEqualTo(2);
    }

    @Test
    void anSqsBatchWithNothingWrongReportsNoFailures() {
        invoke(sqs(List.of(offer(fresh("sqs-ok"), RECEIVED, null)))).statusCode(200).body("batchItemFailures", empty());
    }

    @Test
    void anSqsBatchCloseToTheTimeoutHandsItsRecordsBackUnstarted() throws Exception {
        String id = fresh("late-batch");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        function.handleRequest(new ByteArrayInputStream(sqs(List.of(offer(id, RECEIVED, null), offer(fresh("x"), RECEIVED, null)))
                .getBytes(StandardCharsets.UTF_8)), out, withRemainingMillis(20_000));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-0\"},{\"itemIdentifier\":\"m-1\"}]}");
        assertThat(table.itemsOf(id)).isZero();
    }

    @Test
    void aClockTickThatFailsStillWritesTheHeartbeatTheClockAlarmWatches() throws Exception {
        FreshTable gone = FreshTable.create(client, policy, "clock-fails");
        gone.drop(); // the store is unreachable: every read of the tick fails
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        DecideFunction failing = new DecideFunction(gone.decisions(),
                new Metrics(true, java.time.Clock.systemUTC(), new java.io.PrintStream(emf, true, StandardCharsets.UTF_8)),
                Duration.ofSeconds(10));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.handleRequest(new ByteArrayInputStream(
                scheduledEvent(RECEIVED).getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null))
                .as("the tick fails, so Lambda counts an error and the next tick tries again")
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(emf.toString(StandardCharsets.UTF_8).strip());
        assertThat(doc.path(Metrics.CLOCK_HEARTBEAT).isNumber()).as("a heartbeat in the EMF line: %s", doc).isTrue();
        assertThat(doc.path(Metrics.CLOCK_HEARTBEAT).asLong()).as("a failed tick beats 0").isZero();
        assertThat(doc.has(Metrics.OFFERS_DUE_WITHIN_24H)).as("and claims nothing about deadlines").isFalse();
    }

    /** A Lambda context that only knows how much time is left. */
    static Context withRemainingMillis(int millis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis") ? millis : null);
    }

    @Test
    void anEventBridgeCapacityOfferIsDecided() {
        String id = fresh("eb");
        String detail = offer(id, RECEIVED, null).replace("\"kind\": \"offer\", ", "");

        invoke(eventBridge("Capacity Offer", detail)).statusCode(200)
                .body("offerId", equalTo(id)).body("status", equalTo("PENDING_FIRST_REFUSAL"));
    }

    @Test
    void aHolderMatchWithinTheWindowGivesTheCapacityToTheHolder() {
        String id = fresh("match");
        invoke(offer(id, RECEIVED, null)).statusCode(200);

        invoke(eventBridge("Holder Response", answer("r-" + id, id, "MATCH", DEADLINE.minus(Duration.ofDays(2))))).statusCode(200)
                .body("status", equalTo("MATCHED_BY_HOLDER")).body("rule", equalTo("HOLDER_MATCHED"));

        assertThat(table.state(id)).doesNotContainKeys("outstanding", "dueAt");
        assertThat(table.itemsOf(id)).isEqualTo(3);
    }

    @Test
    void aClockTickLapsesAndExpiresTheOffersThatAreDue() {
        // Received in 2021, before every other test's offers, so this tick only finds these.
        Instant received = Instant.parse("2021-03-01T09:00:00Z");
        Instant deadline = received.plus(Duration.ofDays(14));
        String lapsing = fresh("lapse");
        String expiring = fresh("expire");
        String answered = fresh("answered");
        invoke(offer(lapsing, received, null)).statusCode(200);
        decisions.noticeSent(new Notice(lapsing, 1, received));
        invoke(offer(expiring, received, received.plus(Duration.ofDays(3)))).statusCode(200).body("atRisk", equalTo(true));
        invoke(offer(answered, received, null)).statusCode(200);
        invoke(answer("r-" + answered, answered, "DECLINE", received.plus(Duration.ofDays(1)))).statusCode(200);

        invoke(scheduledEvent(deadline.plus(Duration.ofMinutes(10)))).statusCode(200)
                .body("lapsed", contains(lapsing))
                .body("expired", contains(expiring));

        // A redelivery gets the decision as it stands now.
        invoke(offer(lapsing, received, null)).body("status", equalTo("APPROVED")).body("rule", equalTo("FIRST_REFUSAL_LAPSED"))
                .body("duplicate", equalTo(true));
        assertThat(table.state(lapsing).get("decision").m().get("rule").s()).isEqualTo("FIRST_REFUSAL_LAPSED");
        assertThat(table.state(lapsing).get("decision").m().get("decidedAt").s()).isEqualTo(deadline.toString());
        assertThat(table.state(expiring).get("decision").m().get("rule").s()).isEqualTo("OFFER_EXPIRED");
        // A second tick finds nothing left to do.
        invoke(scheduledEvent(deadline.plus(Duration.ofMinutes(20)))).statusCode(200)
                .body("lapsed", not(hasItem(lapsing))).body("expired", not(hasItem(expiring)));
    }

    @Test
    void aDuplicateReturnsTheStoredDecisionAndWritesNothing() {
        String id = fresh("dup");
        invoke(offer(id, RECEIVED, null)).statusCode(200).body("duplicate", equalTo(false));
        int items = table.itemCount();

        invoke(offer(id, RECEIVED, null)).statusCode(200)
                .body("duplicate", equalTo(true)).body("status", equalTo("PENDING_FIRST_REFUSAL"));

        assertThat(table.itemCount()).isEqualTo(items);
    }

    @Test
    void aConflictingCopyIsAClearErrorAndWritesNothing() {
        String id = fresh("conflict");
        invoke(offer(id, RECEIVED, null)).statusCode(200);
        int items = table.itemCount();

        invoke(offer(id, RECEIVED, null).replace("64000", "128000")).statusCode(500)
                .body("errorType", equalTo("firstrefusal.domain.offer.InvalidMessageException"))
                .body("errorMessage", startsWith("revision: offer " + id + " revision 1 was already received with different content"));

        assertThat(table.itemCount()).isEqualTo(items);
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        int items = table.itemCount();

        invoke("not json").statusCode(500).body("errorMessage", startsWith("event: is not valid JSON"));
        invoke("{\"kind\": \"bid\"}").statusCode(500).body("errorMessage", startsWith("kind: must be one of"));
        invoke(offer(fresh("neg"), RECEIVED, null).replace("64000", "-5")).statusCode(500)
                .body("errorMessage", equalTo("gpus: must be greater than 0, was -5"));
        invoke(offer(fresh("aws"), RECEIVED, null).replace("\"oracle\"", "\"aws\"")).statusCode(500)
                .body("errorMessage", startsWith("provider: 'aws' is not a provider of the policy"));
        invoke(offer(fresh("date"), RECEIVED, null).replace("2025-06-01", "June 1st")).statusCode(500)
                .body("errorMessage", containsString("startDate: must be a date YYYY-MM-DD"));
        invoke(eventBridge("Capacity Bid", "{}")).statusCode(500).body("errorMessage", startsWith("detail-type: must be one of"));

        assertThat(table.itemCount()).isEqualTo(items);
    }

    static ValidatableResponse invoke(String event) {
        // The mock event server labels every answer as a form; the body is the function's JSON.
        return given().port(TestPorts.lambda()).contentType("application/json").body(event).when().post("/").then()
                .using().parser("application/x-www-form-urlencoded", Parser.JSON);
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
