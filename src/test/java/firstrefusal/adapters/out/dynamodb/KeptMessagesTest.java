package firstrefusal.adapters.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every accepted message is kept, as canonical JSON, on the history item it caused or, when it caused none, as an item
 * of its own, in the same transaction: the write path still costs one query and one transaction per decision. What is
 * kept reads back as it was written.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class KeptMessagesTest extends OnItsOwnTable {

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
        assertThat(table.store().load("kept").orElseThrow().log()).singleElement().satisfies(kept -> {
            assertThat(kept.entry()).as("kept with the entry it caused").isEqualTo(1);
            assertThat(((Delivery) kept.item()).message()).isInstanceOfSatisfying(CapacityOffer.class,
                    o -> assertThat(o.sameContentAs(offer)).isTrue());
        });
    }

    @Test
    void aLateAnswerIsKeptAsAnItemOfItsOwnAndALapseTimeDecidedKeepsNothing() {
        table.decisions().decide(Offers.offer("late").build());
        table.decisions().noticeSent(new Notice("late", 1, Offers.RECEIVED));
        HolderResponse late = Offers.match("late", Offers.DEADLINE.plus(Duration.ofDays(2)));
        Decision answer = table.decisions().decide(late);

        OfferRecord record = table.store().load("late").orElseThrow();
        assertThat(record.history()).extracting(HistoryEntry::cause).containsExactly("offer:1", Fold.TIME);
        assertThat(answer.late()).isTrue();
        assertThat(record.kept(late.key())).hasValueSatisfying(kept -> {
            assertThat(kept.keptWithEntry()).as("a late answer causes no entry").isFalse();
            assertThat(((Delivery) kept.item()).message()).isEqualTo(late);
            assertThat(kept.answer().late()).isTrue();
        });
        assertThat(record.kept("notice:r1")).isPresent();
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("OFFER#late"), "sk", AttributeValue.fromS("MESSAGE#" + late.key())))).item();
        assertThat(item).as("the late answer's own item").containsKey("message");
    }

    @Test
    void aKeptMessageIsReadBackAsWrittenWithoutTodaysChecks() {
        table.decisions().decide(Offers.offer("old").build());
        // A region longer than today's 256 characters, as an older rule might have let in.
        String region = "r".repeat(400);
        client.updateItem(b -> b.tableName(table.name())
                .key(Map.of("pk", AttributeValue.fromS("OFFER#old"), "sk", AttributeValue.fromS("HISTORY#0000000001")))
                .updateExpression("SET message = :m").expressionAttributeValues(Map.of(":m", AttributeValue.fromS(
                        "{\"kind\":\"offer\",\"offerId\":\"old\",\"revision\":1,\"provider\":\"oracle\",\"gpus\":64000,"
                                + "\"region\":\"" + region + "\",\"workload\":\"TRAINING\",\"startDate\":\"2025-06-01\","
                                + "\"termMonths\":48,\"pricePerGpuHourUsd\":2.10,\"receivedAt\":\"2025-01-21T15:00:00Z\"}"))));

        OfferRecord record = table.store().load("old").orElseThrow();
        assertThat(((CapacityOffer) ((Delivery) record.log().getFirst().item()).message()).region()).isEqualTo(region);
        assertThat(table.decisions().decide(Offers.match("old", Offers.RECEIVED.plus(Duration.ofDays(1)))).status())
                .as("the offer on record is still decided").isEqualTo(firstrefusal.domain.offer.Status.MATCHED_BY_HOLDER);
        assertThat(replayed("old").log()).hasSize(2);
    }

    /** One offer's record as the what-if reads it, its log included. */
    private OfferRecord replayed(String offerId) {
        List<OfferRecord> offers = new java.util.ArrayList<>();
        table.store().forEachOfferReceived(java.util.Optional.empty(), java.util.Optional.empty(), offers::add);
        return offers.stream().filter(r -> r.state().offerId().equals(offerId)).findFirst().orElseThrow();
    }
}
