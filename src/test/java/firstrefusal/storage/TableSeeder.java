package firstrefusal.storage;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.OfferDecider;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.Outcome;
import firstrefusal.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads many offers quickly for scale tests and benchmarks: each offer's messages are decided by the
 * real decider, and the resulting items (the same ones the store writes) go in with batch writes.
 */
public final class TableSeeder {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<StateItem> states;
    private final DynamoDbTable<HistoryItem> history;
    private final OfferDecider decider;
    private final List<Object> pending = new ArrayList<>();

    public TableSeeder(DynamoDbClient client, String tableName, Policy policy) {
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.states = enhanced.table(tableName, StateItem.SCHEMA);
        this.history = enhanced.table(tableName, HistoryItem.SCHEMA);
        this.decider = new OfferDecider(policy);
    }

    /** Decides the offer and the messages after it, then queues the resulting items. */
    public TableSeeder offer(CapacityOffer offer, OfferMessage... then) {
        OfferRecord record = null;
        List<OfferMessage> messages = new ArrayList<>(List.of(offer));
        messages.addAll(List.of(then));
        for (OfferMessage message : messages) {
            Outcome outcome = decider.decide(message, Optional.ofNullable(record));
            if (outcome instanceof Outcome.Changed change) {
                record = OfferRecord.after(record, change);
            }
        }
        pending.add(StateItem.of(record.state()));
        Instant firstReceived = record.state().firstReceivedAt();
        record.history().forEach(entry -> pending.add(HistoryItem.of(entry, firstReceived)));
        if (pending.size() >= 1_000) {
            flush();
        }
        return this;
    }

    /** Writes everything queued, 25 items per BatchWriteItem, retrying what DynamoDB leaves unprocessed. */
    public void flush() {
        for (int from = 0; from < pending.size(); from += 25) {
            List<StateItem> stateItems = new ArrayList<>();
            List<HistoryItem> historyItems = new ArrayList<>();
            for (Object item : pending.subList(from, Math.min(from + 25, pending.size()))) {
                if (item instanceof StateItem s) {
                    stateItems.add(s);
                } else {
                    historyItems.add((HistoryItem) item);
                }
            }
            while (!stateItems.isEmpty() || !historyItems.isEmpty()) {
                List<WriteBatch> batches = new ArrayList<>();
                if (!stateItems.isEmpty()) {
                    WriteBatch.Builder<StateItem> batch = WriteBatch.builder(StateItem.class).mappedTableResource(states);
                    stateItems.forEach(batch::addPutItem);
                    batches.add(batch.build());
                }
                if (!historyItems.isEmpty()) {
                    WriteBatch.Builder<HistoryItem> batch = WriteBatch.builder(HistoryItem.class).mappedTableResource(history);
                    historyItems.forEach(batch::addPutItem);
                    batches.add(batch.build());
                }
                BatchWriteResult result = enhanced.batchWriteItem(b -> b.writeBatches(batches));
                stateItems = result.unprocessedPutItemsForTable(states);
                historyItems = result.unprocessedPutItemsForTable(history);
            }
        }
        pending.clear();
    }
}
