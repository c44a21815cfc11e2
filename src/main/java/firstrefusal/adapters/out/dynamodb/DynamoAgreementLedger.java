package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.policy.Commitment;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * contributing offer, written only over an older sequence, and a sum with the state of its recount from the record. Every
 * write is one transaction (as every write of the product is); a read is one item.
 */
@Singleton
public class DynamoAgreementLedger implements AgreementLedger {

    private static final String SEQUENCE = "sequence";
    private static final String CONTRACTED = "contractedUsd";
    private static final String RECOUNT = "recount";
    private static final String RECOUNT_FROM = "recountFrom";
    private static final String DONE = "DONE";

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

    /**
     * The offer's item is written only over the sequence it was read at (or when there is none), and the commitment's sum
     * moves by the difference in the same transaction, so the sum is always the sum of the offers' items. A race is
     * read again; an older sequence changes nothing.
     */
    @Override
    public void contribute(Commitment commitment, String offerId, long sequence, BigDecimal contractedUsd) {
        String pk = OfferTable.commitmentKey(commitment);
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> counted = item(pk, OfferTable.offerKey(offerId));
            boolean exists = !counted.isEmpty();
            if (exists && Long.parseLong(counted.get(SEQUENCE).n()) >= sequence || !exists && contractedUsd.signum() == 0) {
                return;
            }
            BigDecimal before = exists ? new BigDecimal(counted.get(CONTRACTED).n()) : BigDecimal.ZERO;
            Put put = Put.builder().tableName(table.name())
                    .item(Map.of(OfferTable.PK, s(pk), OfferTable.SK, s(OfferTable.offerKey(offerId)),
                            SEQUENCE, n(Long.toString(sequence)), CONTRACTED, n(contractedUsd.toPlainString())))
                    .conditionExpression(exists ? "#sequence = :read" : "attribute_not_exists(#sequence)")
                    .expressionAttributeNames(Map.of("#sequence", SEQUENCE))
                    .expressionAttributeValues(exists ? Map.of(":read", counted.get(SEQUENCE)) : null)
                    .build();
            Update sum = Update.builder().tableName(table.name())
                    .key(Map.of(OfferTable.PK, s(pk), OfferTable.SK, s(OfferTable.TOTAL_SK)))
                    .updateExpression("ADD #contracted :delta")
                    .expressionAttributeNames(Map.of("#contracted", CONTRACTED))
                    .expressionAttributeValues(Map.of(":delta", n(contractedUsd.subtract(before).toPlainString())))
                    .build();
            try {
                table.client().transactWriteItems(b -> b.clientRequestToken(UUID.randomUUID().toString())
                        .transactItems(TransactWriteItem.builder().put(put).build(), TransactWriteItem.builder().update(sum).build()));
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
        return table.client().query(QueryRequest.builder().tableName(table.name())
                        .keyConditionExpression("#pk = :pk AND #sk = :total")
                        .expressionAttributeNames(Map.of("#pk", OfferTable.PK, "#sk", OfferTable.SK))
                        .expressionAttributeValues(Map.of(":pk", s(OfferTable.countKey(version)), ":total", s(OfferTable.TOTAL_SK)))
                        .build())
                .items().stream().findFirst().map(i -> Long.parseLong(i.get("entries").n())).orElse(0L);
    }

    /** One read: the commitment's sum and its recount's state. */
    @Override
    public Progress progress(Commitment commitment) {
        Map<String, AttributeValue> total = item(OfferTable.commitmentKey(commitment), OfferTable.TOTAL_SK);
        if (total.isEmpty()) {
            return Progress.NOT_COUNTED;
        }
        BigDecimal sum = total.containsKey(CONTRACTED) ? new BigDecimal(total.get(CONTRACTED).n()) : BigDecimal.ZERO;
        boolean done = total.containsKey(RECOUNT) && DONE.equals(total.get(RECOUNT).s());
        return new Progress(sum, done, Optional.ofNullable(total.get(RECOUNT_FROM)).map(AttributeValue::s));
    }

    @Override
    public void recounted(Commitment commitment, Optional<String> next) {
        Map<String, AttributeValue> key = Map.of(OfferTable.PK, s(OfferTable.commitmentKey(commitment)), OfferTable.SK, s(OfferTable.TOTAL_SK));
        Update update = Update.builder().tableName(table.name()).key(key)
                .updateExpression(next.isPresent() ? "SET #recount = :state, #from = :from" : "SET #recount = :state REMOVE #from")
                .expressionAttributeNames(Map.of("#recount", RECOUNT, "#from", RECOUNT_FROM))
                .expressionAttributeValues(next.isPresent() ? Map.of(":state", s("RUNNING"), ":from", s(next.get()))
                        : Map.of(":state", s(DONE)))
                .build();
        table.client().transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(update).build()));
    }

    /** One item, read strongly consistent with a query (the functions read with Query alone); empty when absent. */
    private Map<String, AttributeValue> item(String pk, String sk) {
        return table.client().query(QueryRequest.builder().tableName(table.name()).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk = :sk")
                        .expressionAttributeNames(Map.of("#pk", OfferTable.PK, "#sk", OfferTable.SK))
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":sk", s(sk)))
                        .build())
                .items().stream().findFirst().orElse(Map.of());
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

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
