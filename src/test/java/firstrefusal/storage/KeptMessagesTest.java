package firstrefusal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.HolderResponse;
import firstrefusal.offer.Offers;
import firstrefusal.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every accepted message is kept, as canonical JSON, on the history item it caused, in the same transaction: the
 * write path still costs one query and one transaction per decision.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class KeptMessagesTest {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    FreshTable table;

    @BeforeEach
    void freshTable() {
        table = FreshTable.create(client, policy, "kept-messages");
    }

    @AfterEach
    void dropTable() {
        table.drop();
    }

    @Test
    void aDecisionKeepsItsMessageInTheSameTwoRequests() {
        CapacityOffer offer = Offers.offer("kept").validUntil(Offers.DEADLINE.plus(Duration.ofDays(30))).price("2.10").build();

        DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(() -> table.decisions().decide(offer));

        assertThat(usage.requests()).isEqualTo(Map.of("Query", 1L, "TransactWriteItems", 1L));
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("OFFER#kept"), "sk", AttributeValue.fromS("HISTORY#0000000001")))).item();
        assertThat(item.get("message").s()).isEqualTo("""
                {"kind":"offer","offerId":"kept","revision":1,"provider":"oracle","gpus":64000,"megawatts":200,\
                "region":"us-tx-abilene","workload":"TRAINING","startDate":"2025-06-01","termMonths":48,\
                "pricePerGpuHourUsd":2.10,"validUntil":"2025-03-06T15:00:00Z","receivedAt":"2025-01-21T15:00:00Z"}""");
        // Equal content: numbers by value (the wire reads 2.10 as 2.1), as duplicates are judged.
        assertThat(table.store().load("kept").orElseThrow().history().getFirst().message())
                .isInstanceOfSatisfying(CapacityOffer.class, kept -> assertThat(kept.sameContentAs(offer)).isTrue());
    }

    @Test
    void aLapseALateAnswerRevealedKeepsTheAnswerAndTimeAloneKeepsNothing() {
        table.decisions().decide(Offers.offer("late").build());
        HolderResponse late = Offers.match("late", Offers.DEADLINE.plus(Duration.ofDays(2)));
        table.decisions().decide(late);
        table.decisions().decide(Offers.offer("ticked").build());
        table.decisions().tick(new firstrefusal.offer.ClockTick(Offers.DEADLINE.plus(Duration.ofHours(1))));

        List<HistoryEntry> lateHistory = table.store().load("late").orElseThrow().history();
        assertThat(lateHistory).extracting(HistoryEntry::cause).containsExactly("offer:1", HistoryEntry.TIME);
        assertThat(lateHistory.get(1).message()).as("the answer that revealed the lapse").isEqualTo(late);
        List<HistoryEntry> ticked = table.store().load("ticked").orElseThrow().history();
        assertThat(ticked.get(1).message()).as("a lapse the clock recorded has no message").isNull();
        assertThat(ticked).allMatch(HistoryEntry::isReplayable);
    }

    @Test
    void aKeptMessageThatNoLongerReadsMakesItsOfferNotReplayableAndStillDecidable() {
        table.decisions().decide(Offers.offer("stale").build());
        client.updateItem(b -> b.tableName(table.name())
                .key(Map.of("pk", AttributeValue.fromS("OFFER#stale"), "sk", AttributeValue.fromS("HISTORY#0000000001")))
                .updateExpression("SET message = :m").expressionAttributeValues(Map.of(":m", AttributeValue.fromS("{\"kind\":\"offer\"}"))));

        assertThat(replayed("stale")).singleElement().satisfies(e -> assertThat(e.isReplayable()).isFalse());
        assertThat(table.decisions().decide(Offers.match("stale", Offers.RECEIVED.plus(Duration.ofDays(1)))).status())
                .isEqualTo(firstrefusal.offer.Status.MATCHED_BY_HOLDER);
    }

    /** One offer's history as the what-if reads it, kept messages included. */
    private List<HistoryEntry> replayed(String offerId) {
        List<List<HistoryEntry>> offers = new java.util.ArrayList<>();
        table.store().forEachOfferReceived(java.util.Optional.empty(), java.util.Optional.empty(), offers::add);
        return offers.stream().filter(h -> h.getFirst().decision().offerId().equals(offerId)).findFirst().orElseThrow();
    }
}
