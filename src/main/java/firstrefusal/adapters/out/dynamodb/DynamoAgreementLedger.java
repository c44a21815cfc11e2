package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.policy.Commitment;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link AgreementLedger} on the offers' table, in partitions of its own (see {@link OfferTable}): per version a total
 * and, per offer, the sequences already counted (so a redelivered entry is counted once); per commitment one item per
 * contributing offer, written only over an older sequence. Every write is one transaction (as every write of the
 * product is); a read is one query of one partition.
 */
@Singleton
public class DynamoAgreementLedger implements AgreementLedger {

    private final Table table;

    public DynamoAgreementLedger(Table table) {
        this.table = table;
    }

    @Override
    public void count(String version, String offerId, long sequence) {
        String pk = OfferTable.countKey(version);
        Update seen = Update.builder().tableName(table.name())
                .key(Map.of(OfferTable.PK, s(pk), OfferTable.SK, s(OfferTable.offerKey(offerId))))
                .updateExpression("ADD #counted :sequences")
                .conditionExpression("attribute_not_exists(#counted) OR NOT contains(#counted, :sequence)")
                .expressionAttributeNames(Map.of("#counted", "counted"))
                .expressionAttributeValues(Map.of(":sequences", AttributeValue.fromNs(List.of(Long.toString(sequence))),
                        ":sequence", AttributeValue.fromN(Long.toString(sequence))))
                .build();
        Update total = Update.builder().tableName(table.name())
                .key(Map.of(OfferTable.PK, s(pk), OfferTable.SK, s(OfferTable.TOTAL_SK)))
                .updateExpression("ADD #entries :one")
                .expressionAttributeNames(Map.of("#entries", "entries"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .build();
        transact(List.of(TransactWriteItem.builder().update(seen).build(), TransactWriteItem.builder().update(total).build()));
    }

    @Override
    public void contribute(Commitment commitment, String offerId, long sequence, BigDecimal contractedUsd) {
        Put put = Put.builder().tableName(table.name())
                .item(Map.of(OfferTable.PK, s(OfferTable.commitmentKey(commitment)), OfferTable.SK, s(OfferTable.offerKey(offerId)),
                        "sequence", AttributeValue.fromN(Long.toString(sequence)),
                        "contractedUsd", AttributeValue.fromN(contractedUsd.toPlainString())))
                .conditionExpression("attribute_not_exists(#sequence) OR #sequence < :sequence")
                .expressionAttributeNames(Map.of("#sequence", "sequence"))
                .expressionAttributeValues(Map.of(":sequence", AttributeValue.fromN(Long.toString(sequence))))
                .build();
        transact(List.of(TransactWriteItem.builder().put(put).build()));
    }

    @Override
    public long decisions(String version) {
        return table.client().query(QueryRequest.builder().tableName(table.name())
                        .keyConditionExpression("#pk = :pk AND #sk = :total")
                        .expressionAttributeNames(Map.of("#pk", OfferTable.PK, "#sk", OfferTable.SK))
                        .expressionAttributeValues(Map.of(":pk", s(OfferTable.countKey(version)), ":total", s(OfferTable.TOTAL_SK)))
                        .build())
                .items().stream().findFirst().map(i -> Long.parseLong(i.get("entries").n())).orElse(0L);
    }

    @Override
    public BigDecimal contractedUsd(Commitment commitment) {
        QueryRequest request = QueryRequest.builder().tableName(table.name()).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", OfferTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(OfferTable.commitmentKey(commitment))))
                .build();
        return table.client().queryPaginator(request).items().stream().map(i -> new BigDecimal(i.get("contractedUsd").n()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One transaction; one whose condition failed was written before (a redelivery), which is as good as written. */
    private void transact(List<TransactWriteItem> items) {
        try {
            table.client().transactWriteItems(b -> b.clientRequestToken(UUID.randomUUID().toString()).transactItems(items));
        } catch (TransactionCanceledException e) {
            boolean alreadyWritten = e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
            if (!alreadyWritten) {
                throw e;
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
