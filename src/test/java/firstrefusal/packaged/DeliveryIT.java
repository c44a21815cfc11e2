package firstrefusal.packaged;

import static firstrefusal.packaged.AwsEvents.offer;
import static firstrefusal.packaged.AwsEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.dev.LocalEventBus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What leaves the product, through the packaged zip (src/docs/contract.md, "Events out" and "Time a contract can
 * defend"): a correction that makes an offer pending again goes out as a notice, naming what it corrects; a notice is
 * recorded only once PutEvents accepted it; with {@code lapse-requires-notice=false} notify records none; and
 * {@code /api/agreement} has the contract's shape.
 */
class DeliveryIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant RECEIVED = NOW.minus(Duration.ofDays(20));

    private PackagedStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCorrectionThatMakesAnOfferPendingAgainLeavesAsAFirstRefusalRequestedNamingWhatItCorrects() {
        stack = new PackagedStack("delivery-correction");
        stack.decideOk(offer("dc-1", "oracle", RECEIVED, 10_000));
        stack.pumpNotify(); // noticed late, now: the deadline runs 14 days from the notice
        Instant deadline = PackagedStack.instant(stack.pageJson("/offers/dc-1").path("decision").path("firstRefusalDeadline"));
        assertThat(stack.decideOk(tick(deadline.plus(Duration.ofMinutes(11)))).path("lapsed").toString()).contains("dc-1");
        stack.pumpNotify();

        // A materially cheaper revision dated before the deadline, processed after the lapse: first refusal again.
        String revision = offer("dc-1", "oracle", deadline.minus(Duration.ofDays(1)), 10_000).replace("\"offerId\"", "\"revision\": 2, \"offerId\"")
                .replace("2.35", "2.00");
        JsonNode corrected = stack.decideOk(revision);
        assertThat(corrected.path("rule").asText()).isEqualTo("MATERIAL_CHANGE");
        assertThat(corrected.path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");
        stack.pumpNotify();

        LocalEventBus.Entry notice = event("dc-1#4");
        assertThat(notice.detailType()).isEqualTo("First Refusal Requested");
        assertThat(notice.detail().path("decision").path("corrects").asLong()).as("it corrects the lapse, entry 3").isEqualTo(3);
        assertThat(notice.detail().path("respondBy").isNull()).isFalse();
        assertThat(stack.pageJson("/offers/dc-1").path("history").get(3).path("corrects").asLong()).isEqualTo(3);
    }

    @Test
    void aNoticeIsRecordedOnlyOncePutEventsAcceptedIt() {
        stack = new PackagedStack("delivery-notice");
        stack.decideOk(offer("dn-1", "oracle", NOW, 10_000));
        // The bus refuses the notice for as long as this is set: notify's own retries of it are refused too.
        java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean(true);
        stack.bus.refuse(entry -> refusing.get() && entry.eventId().equals("dn-1#1"), "ThrottlingException", Integer.MAX_VALUE);

        List<String> failed = stack.pumpNotifyOnce();
        assertThat(failed).as("the refused notice's stream record is reported for a retry").hasSize(1);
        assertThat(notice("delivery-notice", "dn-1")).as("nothing recorded while the bus refused it").isNull();
        assertThat(stack.pageJson("/offers/dn-1").path("decision").path("rule").asText()).isEqualTo("FIRST_REFUSAL_REQUIRED");

        refusing.set(false);
        stack.pumpNotify();
        Map<String, AttributeValue> recorded = notice("delivery-notice", "dn-1");
        assertThat(recorded).as("recorded once the bus accepted it").isNotNull();
        assertThat(stack.bus.received()).filteredOn(e -> e.eventId().equals("dn-1#1")).hasSize(1);
    }

    @Test
    void withLapseRequiresNoticeOffNotifyRecordsNoNoticeAndTheDeadlineStandsFromTheOpening() {
        stack = new PackagedStack("delivery-no-notice");
        stack.redeploy(Map.of("POLICY_LAPSE_REQUIRES_NOTICE", "false"));
        JsonNode pending = stack.decideOk(offer("dx-1", "oracle", RECEIVED, 10_000));
        stack.pumpNotify();

        assertThat(event("dx-1#1").detailType()).isEqualTo("First Refusal Requested");
        assertThat(notice("delivery-no-notice", "dx-1")).as("no notice recorded").isNull();
        assertThat(stack.pageJson("/offers/dx-1").path("history")).hasSize(1);
        Instant deadline = PackagedStack.instant(pending.path("firstRefusalDeadline"));
        assertThat(deadline).isEqualTo(RECEIVED.plus(Duration.ofDays(14)));
        assertThat(stack.decideOk(tick(deadline.plus(Duration.ofMinutes(10)))).path("lapsed").toString()).contains("dx-1");
    }

    @Test
    void theAgreementAsJsonHasTheContractsShape() {
        stack = new PackagedStack("delivery-agreement");
        stack.redeploy(Map.of("POLICY_SHIPPED_AMENDMENTS", "2025-10-28"));
        JsonNode agreement = stack.pageJson("/api/agreement");

        assertThat(agreement.path("inForce").asText()).isEqualTo("2025-10-28");
        assertThat(agreement.path("versions")).hasSize(2);
        assertThat(agreement.path("versions").get(0).path("effectiveFrom").isNull()).isTrue();
        assertThat(agreement.path("versions").get(1).path("changes").path("first-refusal").asText()).isEqualTo("false");
        assertThat(agreement.path("versions").get(1).path("changes").path("pending-offers").asText()).isEqualTo("release");
        JsonNode commitment = agreement.path("commitments").get(0);
        assertThat(commitment.path("provider").asText()).isEqualTo("azure");
        assertThat(commitment.path("amountUsd").asText()).isEqualTo("250000000000");
        assertThat(commitment.path("from").asText()).isEqualTo("2025-10-28T00:00:00Z");
        assertThat(commitment.path("to").isNull()).isTrue();
        assertThat(commitment.has("contractedUsd") && commitment.has("percent") && commitment.has("recounting")).isTrue();
        assertThat(agreement.path("deployments")).hasSize(1);
        assertThat(agreement.path("deployments").get(0).path("current").asBoolean()).isTrue();
    }

    private LocalEventBus.Entry event(String eventId) {
        return stack.bus.received().stream().filter(e -> e.eventId().equals(eventId)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + eventId + " among "
                        + stack.bus.received().stream().map(LocalEventBus.Entry::eventId).toList()));
    }

    private Map<String, AttributeValue> notice(String name, String offerId) {
        Map<String, AttributeValue> item = stack.dynamoDb.getItem(b -> b.tableName(stack.table()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("OFFER#" + offerId), "sk", AttributeValue.fromS("NOTICE#r1")))).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
