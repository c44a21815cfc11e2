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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link OfferStore} on one DynamoDB table (see {@link OfferTable}), through the Enhanced Client. A message costs one
 * query (state, history and log together, strongly consistent) and one transaction (state over the version read, plus
 * the new history items and the kept message); pending offers are read through the sparse outstanding index, never a
 * scan.
 */
@Singleton
public class DynamoOfferStore implements OfferStore {

    /** Every new item: written only if it does not exist yet. */
    private static final Expression NEW_ITEM = Expression.builder().expression("attribute_not_exists(" + OfferTable.PK + ")").build();

    private final DynamoDbEnhancedClient enhanced;
    /** Every kind of an offer's items, for what reads or writes several kinds together. */
    private final DynamoDbTable<TableItem> items;
    private final DynamoDbTable<StateItem> states;
    private final DynamoDbTable<StateItem.LeadSent> leads;
    private final DynamoDbTable<HistoryItem> history;
    private final DynamoDbTable<ResponseClaim> claims;

    public DynamoOfferStore(Table table) {
        this.enhanced = table.enhanced();
        this.items = table.through(OfferItems.SCHEMA);
        this.states = table.through(StateItem.SCHEMA);
        this.leads = table.through(StateItem.LeadSent.SCHEMA);
        this.history = table.through(HistoryItem.SCHEMA);
        this.claims = table.through(ResponseClaim.SCHEMA);
    }

    @Override
    public Optional<OfferRecord> load(String offerId) {
        // One query returns the state item, every history item and the log: they share the partition key.
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(OfferTable.offerKey(offerId))))
                .consistentRead(true)
                .build();
        RecordItems record = new RecordItems();
        items.query(request).items().forEach(record::add);
        return record.toRecord();
    }

    /**
     * One transaction: the state over the version it was decided on, the new history items (each with the message it
     * caused), and the kept item when it caused no entry of its own. Every new item only if it does not exist yet.
     */
    @Override
    public void record(Outcome.Changed change) {
        OfferState next = change.next();
        Instant firstReceived = next.firstReceivedAt();
        // One token per write: the SDK resends it on its own retries (a lost response is not written twice), while
        // another invocation's write of the same change gets its own token and so meets the version condition instead
        // of being taken for a retry of this one.
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        put(transaction, StateItem.of(next), sameVersion(change.expectedVersion()));
        for (HistoryEntry entry : change.appended()) {
            Optional<KeptItem> kept = change.kept().filter(k -> k.entry() == entry.sequence());
            put(transaction, HistoryItem.of(entry, kept, firstReceived), NEW_ITEM);
        }
        change.kept().filter(k -> !k.keptWithEntry()).ifPresent(kept -> put(transaction, switch (kept.item()) {
            case Delivery d -> MessageItem.of(kept, d, firstReceived);
            case Notice n -> NoticeItem.of(kept, n, firstReceived);
        }, NEW_ITEM));
        // A holder response claims its id, in the same transaction, after the offer's own items.
        Optional<HolderResponse> answer = change.kept().map(KeptItem::item).filter(Delivery.class::isInstance)
                .map(i -> ((Delivery) i).message()).filter(HolderResponse.class::isInstance).map(HolderResponse.class::cast);
        int claim = 1 + change.appended().size() + (change.kept().filter(k -> !k.keptWithEntry()).isPresent() ? 1 : 0);
        answer.ifPresent(r -> transaction.addPutItem(claims, TransactPutItemEnhancedRequest.builder(ResponseClaim.class)
                .item(ResponseClaim.of(r)).conditionExpression(NEW_ITEM).build()));
        try {
            enhanced.transactWriteItems(transaction.build());
        } catch (TransactionCanceledException e) {
            if (answer.isPresent() && failedAt(e, claim)) {
                ResponseClaim.refuseIfClaimedElsewhere(claims, answer.get());
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

    private void put(TransactWriteItemsEnhancedRequest.Builder transaction, TableItem item, Expression condition) {
        transaction.addPutItem(items, TransactPutItemEnhancedRequest.builder(TableItem.class).item(item)
                .conditionExpression(condition).build());
    }

    /** The state as it was read: at the version expected, or not there yet for a first write. */
    private static Expression sameVersion(long expected) {
        return expected == 0 ? NEW_ITEM : atVersion(expected);
    }

    private static Expression atVersion(long expected) {
        return Expression.builder().expression("#version = :expected")
                .putExpressionName("#version", OfferTable.VERSION)
                .putExpressionValue(":expected", AttributeValue.fromN(Long.toString(expected)))
                .build();
    }

    /** The offers first received in the range, whole, through the replay index ({@link ReplayReads}). */
    @Override
    public boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost, Consumer<OfferRecord> offer) {
        return ReplayReads.read(items, from, to, atMost, offer);
    }

    /**
     * One transaction: the reminder item, only if it does not exist yet, and its lead added to the state's set of sent
     * leads ({@link StateItem.LeadSent}: DynamoDB's ADD), only over the version the reminder was made from. The ADD
     * leaves the rest of the state (and its version) alone, so a decision recorded meanwhile neither fails nor is undone
     * by it, and two reminders over one version both stay.
     */
    @Override
    public boolean recordReminder(Reminder reminder, long stateVersion) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        put(transaction, ReminderItem.of(reminder), NEW_ITEM);
        transaction.addUpdateItem(leads, TransactUpdateItemEnhancedRequest.builder(StateItem.LeadSent.class)
                .item(StateItem.LeadSent.of(reminder)).ignoreNulls(true)
                .conditionExpression(atVersion(stateVersion)).build());
        try {
            enhanced.transactWriteItems(transaction.build());
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
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(OfferTable.OFFERS)))
                .filterExpression(Expression.builder().expression("#sk = :state").putExpressionName("#sk", OfferTable.SK)
                        .putExpressionValue(":state", AttributeValue.fromS(OfferTable.STATE_SK)).build())
                .limit(limit);
        after.map(OfferTable::replayPosition).ifPresent(request::exclusiveStartKey);
        // The first page only: at most limit items read, however many of them are states.
        Page<StateItem> page = states.index(OfferTable.REPLAY_INDEX).query(request.build()).iterator().next();
        Optional<String> next = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? Optional.empty()
                : Optional.of(OfferTable.replayCursor(page.lastEvaluatedKey()));
        return new StatePage(page.items().stream().map(StateItem::toState).toList(), next);
    }

    @Override
    public List<OfferState> outstanding() {
        return states.index(OfferTable.OUTSTANDING_INDEX)
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue(OfferTable.PENDING)))
                .stream().flatMap(page -> page.items().stream()).map(StateItem::toState).toList();
    }

    /** One page of the decision record, newest first, through the index for its filters ({@link DecisionIndex}). */
    @Override
    public DecisionPage decisions(DecisionQuery query, Optional<String> after, int limit, int maxReads) {
        return DecisionIndex.of(query).read(history, query, after, limit, maxReads);
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
