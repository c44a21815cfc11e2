package firstrefusal.storage;

import firstrefusal.config.CapacityConfig;
import firstrefusal.offer.ConcurrentChangeException;
import firstrefusal.offer.DecisionPage;
import firstrefusal.offer.DecisionQuery;
import firstrefusal.offer.Delivery;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.KeptItem;
import firstrefusal.offer.Notice;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.OfferStore;
import firstrefusal.offer.Outcome;
import firstrefusal.offer.Reminder;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link OfferStore} on one DynamoDB table (see {@link OfferTable}). A message costs one query (state, history and
 * log together, strongly consistent) and one transaction (state over the version read, plus the new history items and
 * the kept message); pending offers are read through the sparse outstanding index, never a scan.
 */
@Singleton
public class DynamoOfferStore implements OfferStore {

    /**
     * Items a page of the replay index holds (state, history, notices and kept messages: a few per offer): about what
     * DynamoDB's 1 MB returns of them anyway, so a whole replay takes no more requests, and one that stops at its bound
     * has read at most this many items past it.
     */
    static final int REPLAY_PAGE_ITEMS = 1_000;

    private static final String NOT_YET = "attribute_not_exists(" + OfferTable.PK + ")";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoOfferStore(DynamoDbClient client, CapacityConfig config) {
        this.client = client;
        this.tableName = config.table().name();
    }

    @Override
    public Optional<OfferRecord> load(String offerId) {
        // One query returns the state item, every history item and the log: they share the partition key.
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", OfferTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(OfferTable.offerKey(offerId))))
                .consistentRead(true);
        RecordItems items = new RecordItems();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(request.exclusiveStartKey(start).build());
            page.items().forEach(items::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items.toRecord();
    }

    /**
     * One transaction: the state over the version it was decided on, the new history items (each with the message it
     * caused), and the kept item when it caused no entry of its own. Every new item only if it does not exist yet.
     */
    @Override
    public void record(Outcome.Changed change) {
        OfferState next = change.next();
        Instant firstReceived = next.firstReceivedAt();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(change.expectedVersion() == 0 ? putNew(StateItem.of(next))
                : put(StateItem.of(next), Put.builder().conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", OfferTable.VERSION))
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(change.expectedVersion()))))));
        for (HistoryEntry entry : change.appended()) {
            Optional<KeptItem> kept = change.kept().filter(k -> k.entry() == entry.sequence());
            writes.add(putNew(HistoryItem.of(entry, kept, firstReceived)));
        }
        change.kept().filter(k -> !k.keptWithEntry()).ifPresent(kept -> writes.add(switch (kept.item()) {
            case Delivery d -> putNew(MessageItem.of(kept, d, firstReceived));
            case Notice n -> putNew(NoticeItem.of(kept, n, firstReceived));
        }));
        try {
            // One token per write: the SDK resends it on its own retries (a lost response is not written twice), while
            // another invocation's write of the same change gets its own token and so meets the version condition
            // instead of being taken for a retry of this one.
            client.transactWriteItems(TransactWriteItemsRequest.builder().clientRequestToken(UUID.randomUUID().toString())
                    .transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            if (isLostRace(e)) {
                throw new ConcurrentChangeException(next.offerId(), e);
            }
            throw e;
        }
    }

    /** An item written only if it does not exist yet. */
    private TransactWriteItem putNew(TableItem item) {
        return put(item, Put.builder().conditionExpression(NOT_YET));
    }

    private TransactWriteItem put(TableItem item, Put.Builder put) {
        return TransactWriteItem.builder().put(put.tableName(tableName).item(item.toItem()).build()).build();
    }

    /**
     * One query of the replay index over the range, page by page. Items of one offer share its first-receipt
     * instant, so once the query has moved past an instant every offer received at it is complete and goes out.
     */
    @Override
    public boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost, Consumer<OfferRecord> offer) {
        Map<String, String> names = Map.of("#p", OfferTable.REPLAY_FEED, "#t", OfferTable.FIRST_RECEIVED_MS);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(OfferTable.OFFERS),
                ":from", AttributeValue.fromN(Long.toString(from.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE))),
                ":to", AttributeValue.fromN(Long.toString(to.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE)))));
        // Pages of a known size, so a reader that stops at atMost offers has read at most one page beyond them.
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(OfferTable.REPLAY_INDEX)
                .limit(REPLAY_PAGE_ITEMS)
                .keyConditionExpression("#p = :p AND #t BETWEEN :from AND :to")
                .expressionAttributeNames(names).expressionAttributeValues(values);
        Map<String, RecordItems> atInstant = new LinkedHashMap<>();
        long instant = Long.MIN_VALUE;
        Map<String, AttributeValue> start = null;
        int[] handed = {0};
        do {
            QueryResponse page = client.query(request.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> raw : page.items()) {
                long received = Long.parseLong(raw.get(OfferTable.FIRST_RECEIVED_MS).n());
                if (received != instant) {
                    completed(atInstant, offer, handed);
                    instant = received;
                }
                String pk = raw.get(OfferTable.PK).s();
                if (!atInstant.containsKey(pk) && handed[0] + atInstant.size() >= atMost) {
                    // One offer more than asked for: read no further. The offers of this instant may not be whole yet
                    // (items of one instant come in no set order), so they are not handed over.
                    return false;
                }
                atInstant.computeIfAbsent(pk, k -> new RecordItems()).add(raw);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        completed(atInstant, offer, handed);
        return true;
    }

    private static void completed(Map<String, RecordItems> offers, Consumer<OfferRecord> offer, int[] handed) {
        offers.values().forEach(items -> items.toRecord().ifPresent(offer));
        handed[0] += offers.size();
        offers.clear();
    }

    /**
     * One transaction: the reminder item, only if it does not exist yet, and its lead added to the state's
     * set of sent leads, only over the version the reminder was made from. ADD leaves the rest of the state
     * (and its version) alone, so a decision recorded meanwhile neither fails nor is undone by it.
     */
    @Override
    public boolean recordReminder(Reminder reminder, long stateVersion) {
        Map<String, AttributeValue> stateKey = Map.of(
                OfferTable.PK, AttributeValue.fromS(OfferTable.offerKey(reminder.offerId())),
                OfferTable.SK, AttributeValue.fromS(OfferTable.STATE_SK));
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString())
                .transactItems(
                        putNew(ReminderItem.of(reminder)),
                        TransactWriteItem.builder().update(Update.builder().tableName(tableName).key(stateKey)
                                .updateExpression("ADD #reminded :lead")
                                .conditionExpression("#version = :expected")
                                .expressionAttributeNames(Map.of("#reminded", OfferTable.REMINDED, "#version", OfferTable.VERSION))
                                .expressionAttributeValues(Map.of(":lead", AttributeValue.fromSs(List.of(reminder.lead())),
                                        ":expected", AttributeValue.fromN(Long.toString(stateVersion))))
                                .build()).build())
                .build();
        try {
            client.transactWriteItems(request);
            return true;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
            if (!codes.isEmpty() && "ConditionalCheckFailed".equals(codes.getFirst())) {
                return false;
            }
            if (isLostRace(e)) {
                throw new ConcurrentChangeException(reminder.offerId(), e);
            }
            throw e;
        }
    }

    @Override
    public List<OfferState> outstanding() {
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(OfferTable.OUTSTANDING_INDEX)
                .keyConditionExpression("#o = :pending")
                .expressionAttributeNames(Map.of("#o", OfferTable.OUTSTANDING))
                .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(OfferTable.PENDING)));
        List<OfferState> pending = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(request.exclusiveStartKey(start).build());
            page.items().forEach(item -> pending.add(StateItem.from(item).toState()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return pending;
    }

    /**
     * One query of the index for the most selective filter given (provider, else rule, else status, else all
     * decisions), the {@code decidedAt} range as its key condition and any other filter as a filter
     * expression; pages of the query are read until one more match than asked for is found, so the answer
     * knows whether another page follows.
     */
    @Override
    public DecisionPage decisions(DecisionQuery query, Optional<String> after, int limit, int maxReads) {
        DecisionIndex index = DecisionIndex.of(query);
        QueryRequest.Builder request = index.request(tableName, query).scanIndexForward(false).limit(limit + 1);
        Map<String, AttributeValue> start = after.map(index::startAfter).orElse(null);
        List<HistoryItem> found = new ArrayList<>();
        int reads = 0;
        do {
            // Each query asks only for what the page still lacks (a query cut short at 1 MB is continued, not re-read).
            QueryResponse page = client.query(request.limit(limit + 1 - found.size()).exclusiveStartKey(start).build());
            reads++;
            for (Map<String, AttributeValue> item : page.items()) {
                if (found.size() <= limit) {
                    found.add(HistoryItem.from(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() <= limit && reads < maxReads);
        List<HistoryEntry> entries = found.subList(0, Math.min(limit, found.size())).stream().map(HistoryItem::toEntry).toList();
        if (found.size() > limit) {
            return new DecisionPage(entries, Optional.of(DecisionIndex.position(found.get(limit - 1))), reads, false);
        }
        // Every match read so far is on this page; when the reads ran out first, go on from where the query stopped.
        return new DecisionPage(entries, Optional.ofNullable(start).map(DecisionIndex::position), reads, start != null);
    }

    /**
     * A condition failed (the offer moved on since it was read) or another transaction held the items:
     * either way the caller decides again against a fresh read.
     */
    private static boolean isLostRace(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .anyMatch(code -> "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code));
    }
}
