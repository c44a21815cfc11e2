package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.record.ChainStore;
import firstrefusal.domain.record.HashChain;
import firstrefusal.domain.record.RecordProof;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link ChainStore} on the offers' table. An offer's chain is read as the table holds it, every attribute, in one
 * consistent query of its partition; each item's canonical form is rebuilt from what its schema reads of it
 * ({@link Chain#canonicalAsRead}). Chaining an older record writes {@code seq} and {@code hash} onto its items, and the
 * head onto its state, only over the state as it was read.
 */
@Singleton
public class DynamoChainStore implements ChainStore {

    /** A transaction holds 100 writes: the state's and 99 items'. */
    private static final int LINKS_PER_WRITE = 99;

    private final TableClients table;
    private final DynamoOfferStore offers;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ChainItems.Link> links;
    private final DynamoDbTable<ChainItems.Chained> heads;
    private final DynamoDbTable<ChainItems.Chaining> chaining;

    public DynamoChainStore(TableClients table, DynamoOfferStore offers) {
        this.table = table;
        this.offers = offers;
        this.enhanced = table.enhanced();
        this.links = table.through(ChainItems.Link.SCHEMA);
        this.heads = table.through(ChainItems.Chained.SCHEMA);
        this.chaining = table.through(ChainItems.Chaining.SCHEMA);
    }

    @Override
    public Optional<StoredChain> chain(String offerId) {
        Map<String, AttributeValue> state = null;
        List<HashChain.Link> chained = new ArrayList<>();
        List<String> unchained = new ArrayList<>();
        for (Map<String, AttributeValue> item : partition(offerId)) {
            TableItem read = OfferItems.SCHEMA.mapToItem(item);
            if (read instanceof StateItem) {
                state = item;
            } else if (read != null && read.seq() == null) {
                unchained.add(read.sk());
            } else if (read != null) {
                chained.add(new HashChain.Link(read.seq(), Chain.canonicalAsRead(item), read.hash()));
            }
        }
        if (state == null) {
            return Optional.empty();
        }
        chained.sort(Comparator.comparingLong(HashChain.Link::seq));
        StateItem read = StateItem.SCHEMA.mapToItem(state);
        Optional<RecordProof.Head> head = Optional.ofNullable(read.headSeq()).map(seq -> new RecordProof.Head(seq, read.headHash()));
        Optional<Instant> chainedAt = Optional.ofNullable(state.get(ChainItems.CHAINED_AT)).map(v -> Instant.parse(v.s()));
        DigestItems.Marked marked = DigestItems.Marked.SCHEMA.mapToItem(state);
        return Optional.of(new StoredChain(offerId, chained, unchained, head, chainedAt,
                Optional.ofNullable(marked.digestId()).map(id -> marked.pointer())));
    }

    /** Every item of the offer's partition, every attribute, as the table holds it. */
    private List<Map<String, AttributeValue>> partition(String offerId) {
        QueryRequest request = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableLayout.offerKey(offerId))))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().queryPaginator(request).items().forEach(items::add);
        return items;
    }

    @Override
    public Pass chainOlder(Optional<String> after, int limit, Instant now) {
        firstrefusal.domain.decisions.OfferStore.StatePage page = offers.offerStates(after, limit);
        int chainedNow = 0;
        for (OfferState state : page.states()) {
            // A state without a head: recorded before the chain, or written since by a release older than it.
            if (state.head() == null && chainOne(state, now)) {
                chainedNow++;
            }
        }
        return new Pass(chainedNow, page.next());
    }

    /**
     * Chains one offer: its items without a place, in the order they were recorded, after those with one. False when
     * the offer moved meanwhile (its next pass chains it).
     */
    private boolean chainOne(OfferState state, Instant now) {
        List<TableItem> placed = new ArrayList<>();
        List<TableItem> outside = new ArrayList<>();
        for (Map<String, AttributeValue> item : partition(state.offerId())) {
            TableItem read = OfferItems.SCHEMA.mapToItem(item);
            if (read != null && !(read instanceof StateItem)) {
                (read.seq() == null ? outside : placed).add(read);
            }
        }
        if (placed.isEmpty() && outside.isEmpty()) {
            return false;
        }
        placed.sort(Comparator.comparingLong(TableItem::seq));
        outside.sort(RECORDING_ORDER);
        RecordProof.Head previous = placed.isEmpty() ? null
                : new RecordProof.Head(placed.getLast().seq(), placed.getLast().hash());
        Chain.Linked linked = Chain.link(previous, outside);
        List<TableItem> items = linked.items();
        try {
            for (int from = 0; from < items.size() || from == 0; from += LINKS_PER_WRITE) {
                List<TableItem> run = items.subList(from, Math.min(items.size(), from + LINKS_PER_WRITE));
                boolean last = from + LINKS_PER_WRITE >= items.size();
                write(run, last ? Optional.of(state) : Optional.empty(), linked.head(), now);
            }
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /** The items' places, and with the last run the state's head, over the state as it was read. */
    private void write(List<TableItem> run, Optional<OfferState> state, RecordProof.Head head, Instant now) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        Expression unplaced = Expression.builder().expression("attribute_exists(#pk) AND attribute_not_exists(#seq)")
                .putExpressionName("#pk", TableLayout.PK).putExpressionName("#seq", Chain.SEQ).build();
        for (TableItem item : run) {
            transaction.addUpdateItem(links, TransactUpdateItemEnhancedRequest.builder(ChainItems.Link.class).ignoreNulls(true)
                    .item(new ChainItems.Link(item.pk(), item.sk(), item.seq(), item.hash())).conditionExpression(unplaced).build());
        }
        state.ifPresent(s -> transaction.addUpdateItem(heads, TransactUpdateItemEnhancedRequest.builder(ChainItems.Chained.class)
                .ignoreNulls(true).conditionExpression(unchangedSince(s))
                .item(new ChainItems.Chained(TableLayout.offerKey(s.offerId()), TableLayout.STATE_SK, head.seq(), head.hash(),
                        TableLayout.HEAD, now.toString()))
                .build()));
        enhanced.transactWriteItems(transaction.build());
    }

    /**
     * The state as it was read, still without a head: no decision since (its version) and no reminder since (the count
     * of leads sent, which a reminder adds to without touching the version).
     */
    private static Expression unchangedSince(OfferState state) {
        int sent = state.remindersSent().size();
        Expression reminded = sent == 0
                ? Expression.builder().expression("attribute_not_exists(#reminded)").putExpressionName("#reminded", TableLayout.REMINDED).build()
                : Expression.builder().expression("size(#reminded) = :sent").putExpressionName("#reminded", TableLayout.REMINDED)
                        .putExpressionValue(":sent", AttributeValue.fromN(Integer.toString(sent))).build();
        return Expression.join(DynamoOfferStore.asRead(state.version(), null), reminded, " AND ");
    }

    /** The order items were recorded in: by when, then decisions before the messages, notices and reminders of the instant. */
    static final Comparator<TableItem> RECORDING_ORDER = Comparator.comparing(DynamoChainStore::recordedAt)
            .thenComparingInt(DynamoChainStore::kindRank).thenComparing(TableItem::sk);

    private static Instant recordedAt(TableItem item) {
        return switch (item) {
            case HistoryItem h -> h.decision().recordedAt() != null ? h.decision().recordedAt() : h.decision().decidedAt();
            case KeptAloneItem k -> Instant.parse(k.recordedAt());
            case ReminderItem r -> Instant.parse(r.sentAt());
            case StateItem s -> throw new IllegalArgumentException("the state is not part of the chain");
        };
    }

    private static int kindRank(TableItem item) {
        return switch (item) {
            case HistoryItem h -> 0;
            case KeptAloneItem k -> k.isNotice() ? 2 : 1;
            case ReminderItem r -> 3;
            case StateItem s -> 4;
        };
    }

    @Override
    public Progress chainingProgress() {
        ChainItems.Chaining item = chaining.query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.RECORD_PK)
                                .sortValue(TableLayout.CHAINING_SK))).build())
                .items().stream().findFirst().orElse(null);
        return item == null ? new Progress(Optional.empty(), Optional.empty())
                : new Progress(Optional.ofNullable(item.next()), Optional.ofNullable(item.completedAt()).map(Instant::parse));
    }

    @Override
    public void chainingProgressed(Progress progress) {
        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder().addPutItem(chaining,
                new ChainItems.Chaining(TableLayout.RECORD_PK, TableLayout.CHAINING_SK, progress.next().orElse(null),
                        progress.completedAt().map(Instant::toString).orElse(null))).build());
    }
}
