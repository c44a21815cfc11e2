package firstrefusal.adapters.out.dynamodb;

import firstrefusal.support.InMemoryRecords;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads many offers quickly for scale tests and benchmarks: each offer's messages are decided by the
 * real decider, each window noticed as it opens (as notify would record it), and the resulting items (the same
 * ones the store writes) go in with batch writes.
 */
public final class TableSeeder {

    private final DynamoDbClient client;
    private final String tableName;
    private final Adjudicator decider;
    private final List<Map<String, AttributeValue>> pending = new ArrayList<>();

    public TableSeeder(DynamoDbClient client, String tableName, Policy policy) {
        this.client = client;
        this.tableName = tableName;
        this.decider = new Adjudicator(policy);
    }

    /** Decides the offer and the messages after it, then queues the resulting items. */
    public TableSeeder offer(CapacityOffer offer, OfferMessage... then) {
        OfferRecord record = null;
        List<OfferMessage> messages = new ArrayList<>(List.of(offer));
        messages.addAll(List.of(then));
        for (OfferMessage message : messages) {
            Outcome outcome = decider.decide(Delivery.direct(message), Optional.ofNullable(record), message.at());
            if (outcome instanceof Outcome.Changed change) {
                record = InMemoryRecords.after(record, change);
            }
            // The holder told as each window opens, as notify records it.
            if (record.state().awaitsNotice()) {
                Window window = record.state().window();
                Outcome told = decider.decide(new Notice(offer.offerId(), window.revision(), window.openedAt()), Optional.of(record),
                        window.openedAt());
                record = InMemoryRecords.after(record, (Outcome.Changed) told);
            }
        }
        Instant firstReceived = record.state().firstReceivedAt();
        // As the store writes them: history first, then what was kept alone, linked into the offer's chain.
        List<TableItem> items = new ArrayList<>();
        for (HistoryEntry entry : record.history()) {
            Optional<KeptItem> kept = record.log().stream().filter(k -> k.entry() == entry.sequence()).findFirst();
            items.add(HistoryItem.of(entry, kept, firstReceived));
        }
        for (KeptItem k : record.log().stream().filter(k -> !k.keptWithEntry()).toList()) {
            items.add(KeptAloneItem.of(k, firstReceived));
        }
        Chain.Linked linked = Chain.link(null, items);
        pending.add(StateItem.of(record.state(), linked.head()).toItem());
        linked.items().forEach(item -> pending.add(item.toItem()));
        if (pending.size() >= 1_000) {
            flush();
        }
        return this;
    }

    /** Writes everything queued, 25 items per BatchWriteItem, retrying what DynamoDB leaves unprocessed. */
    public void flush() {
        for (int from = 0; from < pending.size(); from += 25) {
            List<WriteRequest> batch = pending.subList(from, Math.min(from + 25, pending.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(tableName, batch);
            while (!unprocessed.isEmpty()) {
                Map<String, List<WriteRequest>> request = unprocessed;
                unprocessed = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
        pending.clear();
    }

}
