package firstrefusal.adapters.in;

import static firstrefusal.support.Events.offer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.TableProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each handler against the whole event its AWS source delivers, as {@code sam local generate-event} writes them
 * (the fixtures in {@code src/test/resources/aws-events/}, every field of the documented shapes, written here):
 * fields the functions do not read must not trip them, and what they do read must be taken from where AWS puts it.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AwsEventShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");

    @Inject
    DecideFunction decide;

    @Inject
    NotifyFunction notify;

    @Inject
    StatusPageFunction statusPage;

    @Inject
    TableProbe table;

    @Test
    void anSqsEventAsTheQueueDeliversItIsDecidedWithItsSentTimestampAsArrival() throws IOException {
        String id = "shape-sqs-" + UUID.randomUUID().toString().substring(0, 8);
        Instant arrived = RECEIVED.plusSeconds(2);
        JsonNode answer = invoke(decide, sqs(offer(id, RECEIVED, null), arrived));

        assertThat(answer.path("batchItemFailures").isArray()).isTrue();
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(table.state(id)).as("decided and recorded").containsKey("decision");
        assertThat(table.history(id, 1).get("arrivedAt").s()).as("the SentTimestamp, kept with the message as its arrival")
                .isEqualTo(arrived.toString());

        // A withdrawal dated an hour after the offer that reached the queue two hours later takes effect at its arrival.
        Instant withdrawn = RECEIVED.plus(java.time.Duration.ofHours(1));
        Instant queued = RECEIVED.plus(java.time.Duration.ofHours(3));
        assertThat(invoke(decide, sqs(firstrefusal.support.Events.withdrawal(id, withdrawn), queued)).path("batchItemFailures")).isEmpty();
        assertThat(table.state(id).get("decision").m().get("decidedAt").s()).as("effective at the later of its instant and its arrival")
                .isEqualTo(queued.toString());
    }

    private static String sqs(String body, Instant sent) throws IOException {
        return fixture("sqs.json").replace("\"%BODY%\"", JSON.writeValueAsString(body))
                .replace("%SENT%", Long.toString(sent.toEpochMilli()));
    }

    @Test
    void aScheduledEventAsTheScheduleSendsItIsAClockTick() throws IOException {
        JsonNode summary = invoke(decide, fixture("scheduled.json").replace("%TIME%", RECEIVED.toString()));

        assertThat(summary.has("lapsed") && summary.has("expired") && summary.has("released") && summary.has("reminded"))
                .as("the clock's summary: %s", summary).isTrue();
    }

    @Test
    void aStreamEventOfItemsThatAreNeitherDecisionsNorRemindersPublishesNothingAndFailsNothing() throws IOException {
        JsonNode answer = invoke(notify, fixture("dynamodb-stream.json"));

        assertThat(answer.path("batchItemFailures").isArray()).isTrue();
        assertThat(answer.path("batchItemFailures")).as("INSERT, MODIFY and REMOVE of foreign items are skipped").isEmpty();
    }

    @Test
    void anHttpApiEventWithCookiesAClientCertificateAndAnAuthorizerIsServed() throws IOException {
        JsonNode response = invoke(statusPage, fixture("http-api.json"));

        assertThat(response.path("statusCode").asInt()).as("%s", response).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(JSON.readTree(response.path("body").asText()).path("providers").isArray()).isTrue();
    }

    @Test
    void anAlbEventWithoutTheSignInHeaderIsRefusedInTheLoadBalancersShape() throws IOException {
        JsonNode response = invoke(statusPage, fixture("alb.json"));

        assertThat(response.path("statusCode").asInt()).isEqualTo(401);
        assertThat(response.path("statusDescription").asText()).isEqualTo("401 Unauthorized");
        assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.path("body").asText()).doesNotContain("providers");
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = AwsEventShapesTest.class.getResourceAsStream("/aws-events/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
