package firstrefusal.adapters.out.dynamodb;

import firstrefusal.adapters.out.dynamodb.LedgerItems.CommitmentSum;
import firstrefusal.adapters.out.dynamodb.LedgerItems.Contribution;
import firstrefusal.adapters.out.dynamodb.LedgerItems.Counted;
import firstrefusal.adapters.out.dynamodb.LedgerItems.Total;
import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.policy.Commitment;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link AgreementLedger} on the offers' table, in partitions of its own (see {@link TableLayout}): per version a total
 * and, per offer, the sequences already counted (so a redelivered entry is counted once); per commitment one item per
 * contributing offer, written only over the sequence it was read at, and a sum moved by the difference in the same
 * transaction, with the state of its recount from the record. Every write is one transaction (as every write of the
 * product is); every read is one query of one item.
 */
@Singleton
public class DynamoAgreementLedger implements AgreementLedger {

    private static final String DONE = "DONE";

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<Counted> counted;
    private final DynamoDbTable<Total> totals;
    private final DynamoDbTable<Contribution> contributions;
    private final DynamoDbTable<CommitmentSum> sums;

    public DynamoAgreementLedger(TableClients table) {
        this.enhanced = table.enhanced();
        this.counted = table.through(Counted.SCHEMA);
        this.totals = table.through(Total.SCHEMA);
        this.contributions = table.through(Contribution.SCHEMA);
        this.sums = table.through(CommitmentSum.SCHEMA);
    }

    /** The sequence added to the offer's counted ones unless it is there already, and the version's total added one to. */
    @Override
    public void count(String version, String offerId, long sequence) {
        String pk = TableLayout.countKey(version);
        Expression notCountedYet = Expression.builder()
                .expression("attribute_not_exists(#counted) OR NOT contains(#counted, :sequence)")
                .putExpressionName("#counted", "counted")
                .putExpressionValue(":sequence", AttributeValue.fromN(Long.toString(sequence)))
                .build();
        try {
            transact(TransactWriteItemsEnhancedRequest.builder()
                    .addUpdateItem(counted, TransactUpdateItemEnhancedRequest.builder(Counted.class)
                            .item(new Counted(pk, TableLayout.offerKey(offerId), Set.of(sequence))).ignoreNulls(true)
                            .conditionExpression(notCountedYet).build())
                    .addUpdateItem(totals, TransactUpdateItemEnhancedRequest.builder(Total.class)
                            .item(new Total(pk, TableLayout.TOTAL_SK, 1L)).ignoreNulls(true).build()));
        } catch (TransactionCanceledException e) {
            if (!conditionFailed(e)) { // a condition that failed: counted before (a redelivery), as good as counted
                throw e;
            }
        }
    }

    /**
     * The offer's item written only over the sequence it was read at (or when there is none), and the commitment's sum
     * moved by the difference in the same transaction, so the sum is always the sum of the offers' items. A race is read
     * again; an older sequence changes nothing.
     */
    @Override
    public void contribute(Commitment commitment, String offerId, long sequence, BigDecimal contractedUsd) {
        String pk = TableLayout.commitmentKey(commitment);
        for (int attempt = 1; ; attempt++) {
            Optional<Contribution> counted = one(contributions, pk, TableLayout.offerKey(offerId));
            if (counted.map(c -> c.sequence() >= sequence).orElse(contractedUsd.signum() == 0)) {
                return;
            }
            BigDecimal before = counted.map(Contribution::contractedUsd).orElse(BigDecimal.ZERO);
            Expression asRead = counted.map(c -> Expression.builder().expression("#sequence = :read")
                    .putExpressionName("#sequence", "sequence")
                    .putExpressionValue(":read", AttributeValue.fromN(Long.toString(c.sequence()))).build())
                    .orElse(Expression.builder().expression("attribute_not_exists(" + TableLayout.PK + ")").build());
            try {
                transact(TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(contributions, TransactPutItemEnhancedRequest.builder(Contribution.class)
                                .item(new Contribution(pk, TableLayout.offerKey(offerId), sequence, contractedUsd))
                                .conditionExpression(asRead).build())
                        .addUpdateItem(sums, TransactUpdateItemEnhancedRequest.builder(CommitmentSum.class)
                                .item(new CommitmentSum(pk, TableLayout.TOTAL_SK, contractedUsd.subtract(before), null, null))
                                .ignoreNulls(true).build()));
                return;
            } catch (TransactionCanceledException e) {
                if (attempt >= 8) {
                    throw e; // another writer keeps moving it: the stream record is retried
                }
            }
        }
    }

    @Override
    public long decisions(String version) {
        return one(totals, TableLayout.countKey(version), TableLayout.TOTAL_SK).map(Total::entries).orElse(0L);
    }

    /** One read: the commitment's sum and its recount's state. */
    @Override
    public Progress progress(Commitment commitment) {
        return one(sums, TableLayout.commitmentKey(commitment), TableLayout.TOTAL_SK).map(sum -> {
            boolean done = DONE.equals(sum.recount());
            return new Progress(sum.contractedUsd() == null ? BigDecimal.ZERO : sum.contractedUsd(), done,
                    done ? Optional.empty() : Optional.ofNullable(sum.recountFrom()));
        }).orElse(Progress.NOT_COUNTED);
    }

    @Override
    public void recounted(Commitment commitment, Optional<String> next) {
        transact(TransactWriteItemsEnhancedRequest.builder().addUpdateItem(sums, TransactUpdateItemEnhancedRequest.builder(CommitmentSum.class)
                .item(new CommitmentSum(TableLayout.commitmentKey(commitment), TableLayout.TOTAL_SK, null,
                        next.isPresent() ? "RUNNING" : DONE, next.orElse(null)))
                .ignoreNulls(true).build()));
    }

    /** The one item a key names, read strongly consistent with a query (the functions read with Query alone). */
    private static <T> Optional<T> one(DynamoDbTable<T> table, String pk, String sk) {
        return table.query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(pk).sortValue(sk))).build())
                .items().stream().findFirst();
    }

    private void transact(TransactWriteItemsEnhancedRequest.Builder transaction) {
        enhanced.transactWriteItems(transaction.clientRequestToken(UUID.randomUUID().toString()).build());
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
    }
}
