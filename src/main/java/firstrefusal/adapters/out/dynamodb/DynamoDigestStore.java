package firstrefusal.adapters.out.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.domain.record.Digest;
import firstrefusal.domain.record.DigestLeaf;
import firstrefusal.domain.record.DigestStore;
import firstrefusal.domain.record.DigestTree;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DigestStore} on the offers' table ({@link DigestItems}). The heads that moved since the last digest are read
 * from the sparse {@link TableLayout#UNDIGESTED_INDEX}, which holds only them and only their heads; a digest and its
 * leaves are one transaction; marking is one update of each offer's state. Every write is a transaction, the one way
 * the functions' role lets them write.
 */
@Singleton
public class DynamoDigestStore implements DigestStore {


    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<DigestItems.Header> headers;
    private final DynamoDbTable<DigestItems.Progress> progress;
    private final DynamoDbTable<DigestItems.Leaves> leaves;
    private final DynamoDbTable<DigestItems.Marked> marks;
    private final DynamoDbTable<Head> heads;

    public DynamoDigestStore(TableClients table) {
        this.enhanced = table.enhanced();
        this.headers = table.through(DigestItems.Header.SCHEMA);
        this.progress = table.through(DigestItems.Progress.SCHEMA);
        this.leaves = table.through(DigestItems.Leaves.SCHEMA);
        this.marks = table.through(DigestItems.Marked.SCHEMA);
        this.heads = table.through(Head.SCHEMA);
    }

    /** A state as the undigested index holds it: its keys and its head. */
    record Head(String pk, String sk, String undigested, Long headSeq, String headHash) {

        static final StaticImmutableTableSchema<Head, ItemAttributes> SCHEMA = TableSchema.builder(Head.class, ItemAttributes.class)
                .addAttribute(String.class, ItemAttributes.attribute(TableLayout.PK, Head::pk, primaryPartitionKey(),
                        secondarySortKey(TableLayout.UNDIGESTED_INDEX)))
                .addAttribute(String.class, ItemAttributes.attribute(TableLayout.SK, Head::sk, primarySortKey()))
                .addAttribute(String.class, ItemAttributes.attribute(TableLayout.UNDIGESTED, Head::undigested,
                        secondaryPartitionKey(TableLayout.UNDIGESTED_INDEX)))
                .addAttribute(Long.class, ItemAttributes.attribute(StateItem.HEAD_SEQ, Head::headSeq))
                .addAttribute(String.class, ItemAttributes.attribute(StateItem.HEAD_HASH, Head::headHash))
                .newItemBuilder(ItemAttributes::new, f -> new Head(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get(TableLayout.UNDIGESTED),
                        f.get(StateItem.HEAD_SEQ), f.get(StateItem.HEAD_HASH)))
                .build();
    }

    @Override
    public Optional<Kept> latest() {
        return digests(Optional.empty(), 1).stream().findFirst();
    }

    @Override
    public Optional<Kept> digest(long digestId) {
        // A query, not GetItem: every function reads the table with Query only (infra/template.yaml).
        return headers.query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.DIGESTS_PK)
                                .sortValue(TableLayout.digestKey(digestId)))).build())
                .items().stream().findFirst().map(DigestItems.Header::kept);
    }

    @Override
    public List<Kept> digests(Optional<Long> before, int limit) {
        QueryConditional range = before.map(id -> QueryConditional.sortLessThan(k -> k.partitionValue(TableLayout.DIGESTS_PK)
                .sortValue(TableLayout.digestKey(id)))).orElse(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.DIGESTS_PK)));
        Page<DigestItems.Header> page = headers.query(QueryEnhancedRequest.builder().queryConditional(range)
                .scanIndexForward(false).consistentRead(true).limit(limit).build()).iterator().next();
        return page.items().stream().map(DigestItems.Header::kept).toList();
    }

    @Override
    public List<DigestLeaf> undigestedHeads(int atMost) {
        List<DigestLeaf> moved = new ArrayList<>();
        heads.index(TableLayout.UNDIGESTED_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.HEAD))).build())
                .stream().flatMap(page -> page.items().stream()).limit(atMost)
                .forEach(head -> moved.add(new DigestLeaf(TableLayout.offerIdOf(head.pk()), head.headSeq(), head.headHash())));
        return moved;
    }

    @Override
    public boolean keep(Digest digest, DigestTree tree) {
        List<DigestItems.Leaves> items = DigestItems.Leaves.of(digest.digestId(), tree);
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(headers, TransactPutItemEnhancedRequest.builder(DigestItems.Header.class)
                        .item(DigestItems.Header.of(digest, items.size())).conditionExpression(DynamoOfferStore.NEW_ITEM).build());
        items.forEach(item -> transaction.addPutItem(leaves, TransactPutItemEnhancedRequest.builder(DigestItems.Leaves.class)
                .item(item).conditionExpression(DynamoOfferStore.NEW_ITEM).build()));
        try {
            enhanced.transactWriteItems(transaction.build());
            return true;
        } catch (TransactionCanceledException e) {
            if (DynamoOfferStore.failedAt(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public DigestTree tree(long digestId) {
        List<DigestLeaf> all = new ArrayList<>();
        leaves.query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.digestLeavesKey(digestId))))
                        .build())
                .items().forEach(item -> all.addAll(item.leaves()));
        return DigestTree.of(all);
    }

    /**
     * Each offer in one update of its state, as a transaction of one like every write of the functions (their role
     * allows no other): where its leaf is, and out of the undigested index if its head is still the one taken.
     */
    @Override
    public void mark(Digest digest, DigestTree tree, int from, int to) {
        for (int i = from; i < to; i++) {
            DigestItems.Marked marked = DigestItems.Marked.of(digest.digestId(), tree, i);
            // The head the digest took, still the head: out of the undigested index (ignoreNulls false removes it).
            if (!update(marks, DigestItems.Marked.class, marked, false, stillHead(tree.leaves().get(i), digest.digestId()))) {
                // It moved since: the digest still took this seq, and the new head waits for the next digest. Or a later
                // digest marked it already, or the offer is gone: then nothing is written.
                update(marks, DigestItems.Marked.class, marked, true, olderPointer(digest.digestId(), "attribute_exists(#pk)"));
            }
        }
        update(progress, DigestItems.Progress.class,
                new DigestItems.Progress(TableLayout.DIGESTS_PK, TableLayout.digestKey(digest.digestId()), (long) to, null), true,
                Expression.builder().expression("attribute_exists(#pk) AND #marked < :to")
                        .putExpressionName("#pk", TableLayout.PK).putExpressionName("#marked", "marked")
                        .putExpressionValue(":to", AttributeValue.fromN(Integer.toString(to))).build());
    }

    /** One conditional update, as a transaction of one; false when its condition did not hold and nothing was written. */
    private <T> boolean update(DynamoDbTable<T> table, Class<T> type, T item, boolean ignoreNulls, Expression condition) {
        TransactUpdateItemEnhancedRequest.Builder<T> update = TransactUpdateItemEnhancedRequest.builder(type).item(item)
                .ignoreNulls(ignoreNulls);
        if (condition != null) {
            update.conditionExpression(condition);
        }
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder().addUpdateItem(table, update.build()).build());
            return true;
        } catch (TransactionCanceledException e) {
            if (DynamoOfferStore.failedAt(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    private static Expression stillHead(DigestLeaf leaf, long digestId) {
        Expression head = Expression.builder().expression("#headSeq = :seq AND #headHash = :hash")
                .putExpressionName("#headSeq", StateItem.HEAD_SEQ).putExpressionName("#headHash", StateItem.HEAD_HASH)
                .putExpressionValue(":seq", AttributeValue.fromN(Long.toString(leaf.seq())))
                .putExpressionValue(":hash", AttributeValue.fromS(leaf.hash()))
                .build();
        return Expression.join(head, olderPointer(digestId, "attribute_exists(#pk)"), " AND ");
    }

    /** {@code condition}, and no later digest has told the offer where its leaf is. */
    private static Expression olderPointer(long digestId, String condition) {
        Expression.Builder expression = Expression.builder()
                .expression(condition + " AND (attribute_not_exists(#digestId) OR #digestId < :digestId)")
                .putExpressionName("#digestId", DigestItems.Marked.DIGEST_ID)
                .putExpressionValue(":digestId", AttributeValue.fromN(Long.toString(digestId)));
        // DynamoDB refuses a name the expression does not use.
        return condition.contains("#pk") ? expression.putExpressionName("#pk", TableLayout.PK).build() : expression.build();
    }

    @Override
    public void archived(long digestId) {
        update(progress, DigestItems.Progress.class, new DigestItems.Progress(TableLayout.DIGESTS_PK, TableLayout.digestKey(digestId),
                null, true), true, Expression.builder().expression("attribute_exists(#pk)").putExpressionName("#pk", TableLayout.PK).build());
    }
}
