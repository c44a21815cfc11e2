package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.decisions.ConcurrentChangeException;
import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.record.RecordProof;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@link OfferStore} on one DynamoDB table (see {@link TableLayout}), through the Enhanced Client. A message costs one
 * query (state, history and log together, strongly consistent) and one transaction (state over the version read, plus
 * the new history items and the kept message); pending offers are read through the sparse outstanding index, never a
 * scan.
 */
@Singleton
public class DynamoOfferStore implements OfferStore {

    /** Every new item: written only if it does not exist yet. */
    static final Expression NEW_ITEM = Expression.builder().expression("attribute_not_exists(" + TableLayout.PK + ")").build();

    private final DynamoDbEnhancedClient enhanced;
    /** Every kind of an offer's items, for what reads or writes several kinds together. */
    private final DynamoDbTable<TableItem> items;
    private final DynamoDbTable<StateItem> states;
    private final DynamoDbTable<StateItem.LeadSent> leads;
    private final DynamoDbTable<HistoryItem> history;
    private final DynamoDbTable<ResponseClaim> claims;

    public DynamoOfferStore(TableClients table) {
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
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.offerKey(offerId))))
                .consistentRead(true)
                .build();
        RecordItems record = new RecordItems();
        items.query(request).items().forEach(record::add);
        return record.toRecord();
    }

    /**
     * One transaction: the state over the version it was decided on and the head of its chain, the new history items
     * (each with the message it caused), and the kept item when it caused no entry of its own, each new item only if it
     * does not exist yet, linked into the offer's chain ({@link Chain}) in that order.
     */
    @Override
    public void record(Outcome.Changed change) {
        OfferState next = change.next();
        Instant firstReceived = next.firstReceivedAt();
        List<TableItem> appended = new ArrayList<>();
        for (HistoryEntry entry : change.appended()) {
            Optional<KeptItem> kept = change.kept().filter(k -> k.entry() == entry.sequence());
            appended.add(HistoryItem.of(entry, kept, firstReceived));
        }
        change.kept().filter(k -> !k.keptWithEntry()).ifPresent(kept -> appended.add(KeptAloneItem.of(kept, firstReceived)));
        // A new offer's chain starts with its first item; one recorded before the chain stays unchained until the clock
        // chains it ({@link DynamoChainStore}).
        boolean chained = next.head() != null || change.expectedVersion() == 0;
        Chain.Linked linked = chained ? Chain.link(next.head(), appended) : new Chain.Linked(appended, null);
        // One token per write: the SDK resends it on its own retries (a lost response is not written twice), while
        // another invocation's write of the same change gets its own token and so meets the version condition instead
        // of being taken for a retry of this one.
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        // An update of the state's own attributes, not a put, so what the digest keeps on the item stays.
        transaction.addUpdateItem(states, TransactUpdateItemEnhancedRequest.builder(StateItem.class)
                .item(StateItem.of(next, linked.head())).ignoreNulls(false)
                .conditionExpression(change.expectedVersion() == 0 ? NEW_ITEM : asRead(change.expectedVersion(), next.head()))
                .build());
        linked.items().forEach(item -> put(transaction, item, NEW_ITEM));
        // A holder response claims its id, in the same transaction, after the offer's own items.
        Optional<HolderResponse> answer = change.kept().map(KeptItem::item).filter(Delivery.class::isInstance)
                .map(i -> ((Delivery) i).message()).filter(HolderResponse.class::isInstance).map(HolderResponse.class::cast);
        int claim = 1 + appended.size();
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

    static boolean failedAt(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    private void put(TransactWriteItemsEnhancedRequest.Builder transaction, TableItem item, Expression condition) {
        transaction.addPutItem(items, TransactPutItemEnhancedRequest.builder(TableItem.class).item(item)
                .conditionExpression(condition).build());
    }

    /**
     * The state as it was read: at that version, with that head of its chain (so two writers never fork it), or, for an
     * offer not chained yet, still without one (so nothing unchained follows the clock's chaining of it).
     */
    static Expression asRead(long version, RecordProof.Head head) {
        Expression.Builder condition = Expression.builder()
                .putExpressionName("#version", TableLayout.VERSION).putExpressionName("#headSeq", StateItem.HEAD_SEQ)
                .putExpressionValue(":version", AttributeValue.fromN(Long.toString(version)));
        if (head == null) {
            return condition.expression("#version = :version AND attribute_not_exists(#headSeq)").build();
        }
        return condition.expression("#version = :version AND #headSeq = :headSeq AND #headHash = :headHash")
                .putExpressionName("#headHash", StateItem.HEAD_HASH)
                .putExpressionValue(":headSeq", AttributeValue.fromN(Long.toString(head.seq())))
                .putExpressionValue(":headHash", AttributeValue.fromS(head.hash()))
                .build();
    }

    /** The offers first received in the range, whole, through the replay index ({@link ReplayReads}). */
    @Override
    public boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost, Consumer<OfferRecord> offer) {
        return ReplayReads.read(items, from, to, atMost, offer);
    }

    /**
     * One transaction: the reminder item, only if it does not exist yet, linked into the offer's chain, and on the
     * state its lead added to the leads sent ({@link StateItem.LeadSent}: DynamoDB's ADD) and the chain's new head, only
     * over the state as it was read. The rest of the state, its version among it, stays as it is.
     */
    @Override
    public Optional<OfferState> recordReminder(Reminder reminder, OfferState state) {
        TableItem item = ReminderItem.of(reminder);
        Chain.Linked linked = state.head() == null ? new Chain.Linked(List.of(item), null) : Chain.link(state.head(), List.of(item));
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        put(transaction, linked.items().getFirst(), NEW_ITEM);
        transaction.addUpdateItem(leads, TransactUpdateItemEnhancedRequest.builder(StateItem.LeadSent.class)
                .item(StateItem.LeadSent.of(reminder, linked.head())).ignoreNulls(true)
                .conditionExpression(asRead(state.version(), state.head())).build());
        try {
            enhanced.transactWriteItems(transaction.build());
            return Optional.of(state.reminded(reminder.lead(), linked.head()));
        } catch (TransactionCanceledException e) {
            if (failedAt(e, 0)) {
                return Optional.empty();
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
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.OFFERS)))
                .filterExpression(Expression.builder().expression("#sk = :state").putExpressionName("#sk", TableLayout.SK)
                        .putExpressionValue(":state", AttributeValue.fromS(TableLayout.STATE_SK)).build())
                .limit(limit);
        after.map(TableLayout::replayPosition).ifPresent(request::exclusiveStartKey);
        // The first page only: at most limit items read, however many of them are states.
        Page<StateItem> page = states.index(TableLayout.REPLAY_INDEX).query(request.build()).iterator().next();
        Optional<String> next = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? Optional.empty()
                : Optional.of(TableLayout.replayCursor(page.lastEvaluatedKey()));
        return new StatePage(page.items().stream().map(StateItem::toState).toList(), next);
    }

    @Override
    public List<OfferState> outstanding() {
        return states.index(TableLayout.OUTSTANDING_INDEX)
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.PENDING)))
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
