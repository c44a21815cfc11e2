package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.decisions.ConcurrentChangeException;
import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Reminder;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
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

    private static final String NOT_YET = "attribute_not_exists(" + OfferTable.PK + ")";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoOfferStore(Table table) {
        this.client = table.client();
        this.tableName = table.name();
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
        client.queryPaginator(request.build()).items().forEach(items::add);
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
        Optional<HolderResponse> answer = change.kept().map(KeptItem::item).filter(Delivery.class::isInstance)
                .map(i -> ((Delivery) i).message()).filter(HolderResponse.class::isInstance).map(HolderResponse.class::cast);
        int claim = writes.size();
        answer.ifPresent(r -> writes.add(putNew(ResponseClaim.of(r))));
        try {
            // One token per write: the SDK resends it on its own retries (a lost response is not written twice), while
            // another invocation's write of the same change gets its own token and so meets the version condition
            // instead of being taken for a retry of this one.
            client.transactWriteItems(TransactWriteItemsRequest.builder().clientRequestToken(UUID.randomUUID().toString())
                    .transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            if (answer.isPresent() && failedAt(e, claim)) {
                ResponseClaim.refuseIfClaimedElsewhere(client, tableName, answer.get(), e);
            }
            if (isLostRace(e)) {
                throw new ConcurrentChangeException(next.offerId(), e);
            }
            throw e;
        }
    }

    private static boolean failedAt(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    /** An item written only if it does not exist yet. */
    private TransactWriteItem putNew(TableItem item) {
        return put(item, Put.builder().conditionExpression(NOT_YET));
    }

    private TransactWriteItem put(TableItem item, Put.Builder put) {
        return TransactWriteItem.builder().put(put.tableName(tableName).item(item.toItem()).build()).build();
    }

    /** The offers first received in the range, whole, through the replay index ({@link ReplayReads}). */
    @Override
    public boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost, Consumer<OfferRecord> offer) {
        return ReplayReads.read(client, tableName, from, to, atMost, offer);
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

    /**
     * A page of the replay index (every offer's items by first receipt), only the state items handed back: bounded by
     * {@code limit} items read, whatever it returns. The cursor is the index position, written as text.
     */
    @Override
    public StatePage offerStates(Optional<String> after, int limit) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(OfferTable.REPLAY_INDEX)
                .keyConditionExpression("#feed = :offers").filterExpression("#sk = :state").limit(limit)
                .expressionAttributeNames(Map.of("#feed", OfferTable.REPLAY_FEED, "#sk", OfferTable.SK))
                .expressionAttributeValues(Map.of(":offers", AttributeValue.fromS(OfferTable.OFFERS),
                        ":state", AttributeValue.fromS(OfferTable.STATE_SK)));
        after.map(OfferTable::replayPosition).ifPresent(request::exclusiveStartKey);
        var page = client.query(request.build());
        List<OfferState> states = page.items().stream().map(item -> StateItem.from(item).toState()).toList();
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(OfferTable.replayCursor(page.lastEvaluatedKey())) : Optional.empty();
        return new StatePage(states, next);
    }

    @Override
    public List<OfferState> outstanding() {
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(OfferTable.OUTSTANDING_INDEX)
                .keyConditionExpression("#o = :pending")
                .expressionAttributeNames(Map.of("#o", OfferTable.OUTSTANDING))
                .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(OfferTable.PENDING)));
        List<OfferState> pending = new ArrayList<>();
        client.queryPaginator(request.build()).items().forEach(item -> pending.add(StateItem.from(item).toState()));
        return pending;
    }

    /** One page of the decision record, newest first, through the index for its filters ({@link DecisionIndex}). */
    @Override
    public DecisionPage decisions(DecisionQuery query, Optional<String> after, int limit, int maxReads) {
        return DecisionIndex.of(query).read(client, tableName, query, after, limit, maxReads);
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
