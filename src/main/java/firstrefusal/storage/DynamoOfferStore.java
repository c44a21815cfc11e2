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
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
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
    private static final Expression NEW_ITEM = Expression.builder().expression(NOT_YET).build();

    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<StateItem> states;
    private final DynamoDbTable<HistoryItem> history;
    private final DynamoDbTable<MessageItem> messages;
    private final DynamoDbTable<NoticeItem> notices;

    public DynamoOfferStore(DynamoDbClient client, CapacityConfig config) {
        this.client = client;
        this.tableName = config.table().name();
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.states = enhanced.table(tableName, StateItem.SCHEMA);
        this.history = enhanced.table(tableName, HistoryItem.SCHEMA);
        this.messages = enhanced.table(tableName, MessageItem.SCHEMA);
        this.notices = enhanced.table(tableName, NoticeItem.SCHEMA);
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
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                // One token per write: the SDK resends it on its own retries (a lost response is not
                // written twice), while another invocation's write of the same change gets its own token
                // and so meets the version condition instead of being taken for a retry of this one.
                .clientRequestToken(UUID.randomUUID().toString())
                .addPutItem(states, TransactPutItemEnhancedRequest.builder(StateItem.class)
                        .item(StateItem.of(next)).conditionExpression(sameVersion(change.expectedVersion())).build());
        for (HistoryEntry entry : change.appended()) {
            Optional<KeptItem> kept = change.kept().filter(k -> k.entry() == entry.sequence());
            transaction.addPutItem(history, TransactPutItemEnhancedRequest.builder(HistoryItem.class)
                    .item(HistoryItem.of(entry, kept, firstReceived)).conditionExpression(NEW_ITEM).build());
        }
        change.kept().filter(k -> !k.keptWithEntry()).ifPresent(kept -> {
            switch (kept.item()) {
                case Delivery d -> transaction.addPutItem(messages, TransactPutItemEnhancedRequest.builder(MessageItem.class)
                        .item(MessageItem.of(kept, d, firstReceived)).conditionExpression(NEW_ITEM).build());
                case Notice n -> transaction.addPutItem(notices, TransactPutItemEnhancedRequest.builder(NoticeItem.class)
                        .item(NoticeItem.of(kept, n, firstReceived)).conditionExpression(NEW_ITEM).build());
            }
        });
        try {
            enhanced.transactWriteItems(transaction.build());
        } catch (TransactionCanceledException e) {
            if (isLostRace(e)) {
                throw new ConcurrentChangeException(next.offerId(), e);
            }
            throw e;
        }
    }

    private static Expression sameVersion(long expected) {
        return expected == 0 ? NEW_ITEM : Expression.builder().expression("#version = :expected")
                .putExpressionName("#version", OfferTable.VERSION)
                .putExpressionValue(":expected", AttributeValue.fromN(Long.toString(expected)))
                .build();
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
                        TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                                .item(ReminderItem.SCHEMA.itemToMap(ReminderItem.of(reminder), true))
                                .conditionExpression(NOT_YET).build()).build(),
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
        return pending(QueryConditional.keyEqualTo(Key.builder().partitionValue(OfferTable.PENDING).build()));
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
                    found.add(HistoryItem.SCHEMA.mapToItem(item));
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

    private List<OfferState> pending(QueryConditional condition) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder().queryConditional(condition).build();
        return states.index(OfferTable.OUTSTANDING_INDEX).query(request).stream()
                .flatMap(page -> page.items().stream())
                .map(StateItem::toState)
                .toList();
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
