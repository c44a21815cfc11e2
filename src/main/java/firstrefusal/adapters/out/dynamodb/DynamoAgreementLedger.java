package firstrefusal.adapters.out.dynamodb;

import firstrefusal.adapters.out.dynamodb.LedgerItems.Contribution;
import firstrefusal.adapters.out.dynamodb.LedgerItems.Counted;
import firstrefusal.adapters.out.dynamodb.LedgerItems.Total;
import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.policy.Commitment;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link AgreementLedger} on the offers' table, in partitions of its own (see {@link OfferTable}): per version a total
 * and, per offer, the sequences already counted (so a redelivered entry is counted once); per commitment one item per
 * contributing offer, written only over an older sequence. Every write is one transaction (as every write of the
 * product is); a read is one query of one partition.
 */
@Singleton
public class DynamoAgreementLedger implements AgreementLedger {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<Counted> counted;
    private final DynamoDbTable<Total> totals;
    private final DynamoDbTable<Contribution> contributions;

    public DynamoAgreementLedger(Table table) {
        this.enhanced = table.enhanced();
        this.counted = table.through(Counted.SCHEMA);
        this.totals = table.through(Total.SCHEMA);
        this.contributions = table.through(Contribution.SCHEMA);
    }

    /** The sequence added to the offer's counted ones unless it is there already, and the version's total added one to. */
    @Override
    public void count(String version, String offerId, long sequence) {
        String pk = OfferTable.countKey(version);
        Expression notCountedYet = Expression.builder()
                .expression("attribute_not_exists(#counted) OR NOT contains(#counted, :sequence)")
                .putExpressionName("#counted", "counted")
                .putExpressionValue(":sequence", AttributeValue.fromN(Long.toString(sequence)))
                .build();
        transact(TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(counted, TransactUpdateItemEnhancedRequest.builder(Counted.class)
                        .item(new Counted(pk, OfferTable.offerKey(offerId), Set.of(sequence))).ignoreNulls(true)
                        .conditionExpression(notCountedYet).build())
                .addUpdateItem(totals, TransactUpdateItemEnhancedRequest.builder(Total.class)
                        .item(new Total(pk, OfferTable.TOTAL_SK, 1L)).ignoreNulls(true).build()));
    }

    @Override
    public void contribute(Commitment commitment, String offerId, long sequence, BigDecimal contractedUsd) {
        Expression olderOrNone = Expression.builder()
                .expression("attribute_not_exists(#sequence) OR #sequence < :sequence")
                .putExpressionName("#sequence", "sequence")
                .putExpressionValue(":sequence", AttributeValue.fromN(Long.toString(sequence)))
                .build();
        transact(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(contributions, TransactPutItemEnhancedRequest.builder(Contribution.class)
                        .item(new Contribution(OfferTable.commitmentKey(commitment), OfferTable.offerKey(offerId), sequence,
                                contractedUsd))
                        .conditionExpression(olderOrNone).build()));
    }

    @Override
    public long decisions(String version) {
        // The first page holds the one item the key names: no further query.
        return totals.query(QueryConditional.keyEqualTo(k -> k.partitionValue(OfferTable.countKey(version)).sortValue(OfferTable.TOTAL_SK)))
                .items().stream().findFirst().map(Total::entries).orElse(0L);
    }

    @Override
    public BigDecimal contractedUsd(Commitment commitment) {
        return contributions.query(QueryConditional.keyEqualTo(k -> k.partitionValue(OfferTable.commitmentKey(commitment))))
                .items().stream().map(Contribution::contractedUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One transaction; one whose condition failed was written before (a redelivery), which is as good as written. */
    private void transact(TransactWriteItemsEnhancedRequest.Builder transaction) {
        try {
            enhanced.transactWriteItems(transaction.clientRequestToken(UUID.randomUUID().toString()).build());
        } catch (TransactionCanceledException e) {
            boolean alreadyWritten = e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
            if (!alreadyWritten) {
                throw e;
            }
        }
    }
}
