package firstrefusal.domain.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.adapters.out.eventbridge.EventPublisher;
import firstrefusal.dev.LocalEventBus;
import firstrefusal.dev.StreamPoller;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import firstrefusal.support.Outbound;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decision events out, end to end: decide records offers, answers, lapses and reminders in DynamoDB Local;
 * the table's real stream is read as Lambda's event source mapping reads it and handed to notify, which
 * publishes with the AWS SDK's EventBridge client to a local PutEvents stand-in. What the stand-in receives
 * is compared field by field with the contract (src/docs/contract.md, "Events out").
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DecisionEventsTest extends OnItsOwnTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Offers.RECEIVED;
    private static final Instant DEADLINE = Offers.DEADLINE;

    Outbound outbound;

    @Override
    protected FreshTable newTable() {
        return FreshTable.withStream(client, firstrefusal.domain.policy.Agreement.of(policy), ReminderSchedule.parse("P3D,PT24H"), "events");
    }

    @BeforeEach
    void setUp() {
        // notify tells the holder a minute after the offers of these tests arrive: every notice in time.
        outbound = Outbound.of(table, policy, Clock.fixed(RECEIVED.plusSeconds(60), ZoneOffset.UTC));
    }

    @AfterEach
    void closeOutbound() {
        outbound.close();
    }

    @Test
    void aNewPendingOfferIsAFirstRefusalRequestToTheHolderWithEveryFieldOfTheContract() throws Exception {
        table.decisions().decide(Offers.offer("oracle-abilene-1").validUntil(Instant.parse("2025-03-01T00:00:00Z")).build());

        List<StreamPoller.Delivery> deliveries = outbound.poll();

        assertThat(deliveries).allMatch(d -> d.failedAt().isEmpty());
        assertThat(outbound.bus().received()).hasSize(1);
        LocalEventBus.Entry entry = outbound.bus().received().getFirst();
        assertThat(entry.bus()).isEqualTo(Outbound.BUS);
        assertThat(entry.source()).isEqualTo("first-refusal");
        assertThat(entry.detailType()).isEqualTo("First Refusal Requested");
        assertThat(entry.detail().path("decision").path("recordedAt").asText()).as("when the product wrote it").isNotBlank();
        ((com.fasterxml.jackson.databind.node.ObjectNode) entry.detail().path("decision")).remove("recordedAt");
        assertThat(entry.detail()).isEqualTo(JSON.readTree("""
                {"eventId": "oracle-abilene-1#1", "offerId": "oracle-abilene-1", "sequence": 1,
                 "decision": {"offerId": "oracle-abilene-1", "revision": 1, "provider": "oracle",
                   "status": "PENDING_FIRST_REFUSAL", "rule": "FIRST_REFUSAL_REQUIRED",
                   "reason": "New third-party capacity: the holder has first refusal until 2025-02-04T15:00:00Z",
                   "firstRefusalDeadline": "2025-02-04T15:00:00Z", "atRisk": false,
                   "decidedAt": "2025-01-21T15:00:00Z", "policyVersion": "2025-01-21", "duplicate": false, "late": false},
                 "offer": {"revision": 1, "provider": "oracle", "providerName": "Oracle Cloud Infrastructure",
                   "gpus": 64000, "megawatts": 200, "region": "us-tx-abilene", "workload": "TRAINING",
                   "startDate": "2025-06-01", "termMonths": 48, "pricePerGpuHourUsd": 2.10,
                   "validUntil": "2025-03-01T00:00:00Z", "receivedAt": "2025-01-21T15:00:00Z"},
                 "holder": "azure", "respondBy": "2025-02-04T15:00:00Z"}"""));
    }

    @Test
    void everyHistoryEntryPublishesOneEventAndDuplicatesAndLateAnswersPublishNothing() {
        table.decisions().decide(Offers.offer("matched").build());
        table.decisions().decide(Offers.offer("matched").build()); // a redelivery: nothing written
        table.decisions().decide(Offers.match("matched", RECEIVED.plus(Duration.ofDays(2))));
        table.decisions().decide(Offers.offer("lapsing").provider("softbank").build());
        assertThat(outbound.poll()).as("the notices leave, and are recorded").allMatch(d -> d.failedAt().isEmpty());
        table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofDays(2))));
        table.decisions().tick(new ClockTick(DEADLINE.plus(Duration.ofMinutes(11))));
        table.decisions().decide(Offers.decline("lapsing", DEADLINE.plus(Duration.ofHours(1)))); // late: nothing written
        table.decisions().decide(Offers.offer("holder-own").provider("azure").build());
        table.decisions().decide(Offers.offer("revised").provider("coreweave").build());
        table.decisions().decide(Offers.offer("revised").provider("coreweave").revision(2).price("1.90")
                .receivedAt(RECEIVED.plus(Duration.ofDays(1))).build());

        assertThat(outbound.poll()).allMatch(d -> d.failedAt().isEmpty());

        Map<String, List<String>> byOffer = outbound.bus().received().stream().collect(Collectors.groupingBy(
                e -> e.detail().path("offerId").asText(), Collectors.mapping(
                        e -> e.detailType() + " " + e.eventId() + " " + e.detail().path("decision").path("rule").asText(),
                        Collectors.toList())));
        assertThat(byOffer).containsOnlyKeys("matched", "lapsing", "holder-own", "revised");
        assertThat(byOffer.get("matched")).containsExactly(
                "First Refusal Requested matched#1 FIRST_REFUSAL_REQUIRED",
                "Offer Decided matched#2 HOLDER_MATCHED");
        assertThat(byOffer.get("lapsing")).containsExactly(
                "First Refusal Requested lapsing#1 FIRST_REFUSAL_REQUIRED",
                "First Refusal Reminder lapsing#r1#reminder#P3D FIRST_REFUSAL_REQUIRED",
                "Offer Decided lapsing#2 FIRST_REFUSAL_LAPSED");
        assertThat(byOffer.get("holder-own")).containsExactly("Offer Decided holder-own#1 HOLDER_CAPACITY");
        assertThat(byOffer.get("revised")).containsExactly(
                "First Refusal Requested revised#1 FIRST_REFUSAL_REQUIRED",
                "First Refusal Requested revised#2 MATERIAL_CHANGE");

        JsonNode matched = detail("matched#2");
        assertThat(matched.path("respondBy").isNull()).as("respondBy once decided").isTrue();
        assertThat(matched.path("decision").path("status").asText()).isEqualTo("MATCHED_BY_HOLDER");
        assertThat(matched.path("sequence").asLong()).isEqualTo(2);
        JsonNode revised = detail("revised#2");
        assertThat(revised.path("offer").path("revision").asInt()).as("the terms of the revision that re-opened it").isEqualTo(2);
        assertThat(revised.path("offer").path("pricePerGpuHourUsd").decimalValue()).isEqualByComparingTo("1.90");
        assertThat(revised.path("respondBy").asText()).isEqualTo(RECEIVED.plus(Duration.ofDays(15)).toString());
        JsonNode reminder = detail("lapsing#r1#reminder#P3D");
        assertThat(reminder.path("reminder").path("lead").asText()).isEqualTo("P3D");
        assertThat(reminder.path("reminder").path("secondsLeft").asLong()).isEqualTo(Duration.ofDays(2).toSeconds());
        assertThat(reminder.path("sequence").asLong()).as("the entry it reminds of").isEqualTo(1);
        assertThat(reminder.path("respondBy").asText()).isEqualTo(DEADLINE.toString());
        assertThat(reminder.path("decision").path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");
    }

    @Test
    void aNoticeThatLeavesLateCarriesTheMovedDeadlineAndItsNoticeLateEntryFollows() {
        table.decisions().decide(Offers.offer("told-late").build());
        Instant told = RECEIVED.plus(Duration.ofDays(2));
        Outbound late = Outbound.of(table, policy, Clock.fixed(told, ZoneOffset.UTC));
        try {
            assertThat(late.poll()).allMatch(d -> d.failedAt().isEmpty());
            assertThat(late.poll()).as("the NOTICE_LATE entry the notice recorded").allMatch(d -> d.failedAt().isEmpty());

            assertThat(late.bus().received()).extracting(e -> e.detailType() + " " + e.eventId() + " " + e.detail().path("respondBy").asText())
                    .containsExactly("First Refusal Requested told-late#1 " + told.plus(Duration.ofDays(14)),
                            "Offer Decided told-late#2 " + told.plus(Duration.ofDays(14)));
            assertThat(late.bus().received().get(1).detail().path("decision").path("rule").asText()).isEqualTo("NOTICE_LATE");
        } finally {
            late.close();
        }
    }

    @Test
    void aRedeliveredStreamBatchCarriesTheSameEventIds() {
        table.decisions().decide(Offers.offer("again").build());
        table.decisions().decide(Offers.decline("again", RECEIVED.plus(Duration.ofDays(1))));
        List<StreamPoller.Delivery> first = outbound.poll();
        List<LocalEventBus.Entry> once = outbound.bus().received();

        first.forEach(d -> outbound.invoke(d.event()));

        List<LocalEventBus.Entry> twice = outbound.bus().received();
        assertThat(twice).hasSize(2 * once.size());
        assertThat(twice.subList(once.size(), twice.size())).as("same ids, same details").isEqualTo(once);
        assertThat(once).extracting(LocalEventBus.Entry::eventId).containsExactly("again#1", "again#2");
    }

    @Test
    void anEntryEventBridgeRefusesIsReportedAsTheFirstFailureAndPublishedOnTheRetry() {
        table.decisions().decide(Offers.offer("first").build());
        table.decisions().decide(Offers.offer("throttled").build());
        table.decisions().decide(Offers.offer("after").build());
        table.decisions().decide(Offers.match("throttled", RECEIVED.plus(Duration.ofDays(1))));
        // Refused on every attempt notify makes within the invocation.
        outbound.bus().refuse(e -> e.eventId().equals("throttled#1"), "ThrottlingException", EventPublisher.MAX_ATTEMPTS);

        List<StreamPoller.Delivery> failed = outbound.poll();

        assertThat(failed).hasSize(1);
        StreamPoller.Delivery delivery = failed.getFirst();
        assertThat(delivery.failedAt()).as("the first record notify could not publish")
                .contains(sequenceOf(delivery, "OFFER#throttled", "HISTORY#0000000001"));
        assertThat(outbound.bus().received()).extracting(LocalEventBus.Entry::eventId)
                .contains("first#1").doesNotContain("throttled#1", "throttled#2");

        List<StreamPoller.Delivery> retried = outbound.poll();

        assertThat(retried).as("retried from the failed record on").isNotEmpty().allMatch(d -> d.failedAt().isEmpty());
        assertThat(retried.getFirst().sequenceNumbers().getFirst()).isEqualTo(delivery.failedAt().get());
        List<String> ids = outbound.bus().received().stream().map(LocalEventBus.Entry::eventId).toList();
        assertThat(ids).containsOnlyOnce("first#1").contains("throttled#1", "after#1", "throttled#2");
        assertThat(ids.indexOf("throttled#1")).as("one offer's events in sequence order").isLessThan(ids.indexOf("throttled#2"));
    }

    @Test
    void aCallThatFailsAsAWholeIsRetriedWithinTheInvocation() {
        table.decisions().decide(Offers.offer("resilient").build());
        outbound.bus().failCalls(2);

        assertThat(outbound.poll()).allMatch(d -> d.failedAt().isEmpty());

        assertThat(outbound.bus().received()).extracting(LocalEventBus.Entry::eventId).containsExactly("resilient#1");
    }

    private JsonNode detail(String eventId) {
        return outbound.bus().received().stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElseThrow().detail();
    }

    /** The sequence number of the stream record that inserted the item with these keys. */
    private static String sequenceOf(StreamPoller.Delivery delivery, String pk, String sk) {
        try {
            for (JsonNode record : JSON.readTree(delivery.event()).path("Records")) {
                JsonNode keys = record.path("dynamodb").path("Keys");
                if (record.path("eventName").asText().equals("INSERT") && keys.path("pk").path("S").asText().equals(pk)
                        && keys.path("sk").path("S").asText().equals(sk)) {
                    return record.path("dynamodb").path("SequenceNumber").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no INSERT of " + pk + " " + sk + " in the delivery");
    }
}
