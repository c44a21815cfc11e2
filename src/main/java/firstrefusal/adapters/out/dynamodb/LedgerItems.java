package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.math.BigDecimal;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** The agreement ledger's items ({@link TableLayout}, {@link DynamoAgreementLedger}): records on static schemas, as the offers' are. */
final class LedgerItems {

    private LedgerItems() {
    }

    /** Per version and offer ({@code LEDGER#COUNT#<version>}, {@code OFFER#<offerId>}): the sequences already counted. */
    record Counted(String pk, String sk, Set<Long> counted) {

        /** {@code counted} is added to (a number set), so a redelivered entry finds its sequence there. */
        static final StaticImmutableTableSchema<Counted, ItemAttributes> SCHEMA = TableSchema.builder(Counted.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Counted::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Counted::sk, primarySortKey()))
                .addAttribute(EnhancedType.setOf(Long.class), attribute("counted", Counted::counted, Additions.added()))
                .newItemBuilder(ItemAttributes::new, f -> new Counted(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("counted")))
                .build();
    }

    /** Per version ({@code LEDGER#COUNT#<version>}, {@code TOTAL}): the decisions counted under it. */
    record Total(String pk, String sk, Long entries) {

        /** {@code entries} is added to, so concurrent counts all land. */
        static final StaticImmutableTableSchema<Total, ItemAttributes> SCHEMA = TableSchema.builder(Total.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Total::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Total::sk, primarySortKey()))
                .addAttribute(Long.class, attribute("entries", Total::entries, Additions.added()))
                .newItemBuilder(ItemAttributes::new, f -> new Total(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("entries")))
                .build();
    }

    /** Per commitment and offer: what the offer contributes, and the sequence of the entry it rests on. */
    record Contribution(String pk, String sk, Long sequence, BigDecimal contractedUsd) {

        static final StaticImmutableTableSchema<Contribution, ItemAttributes> SCHEMA = TableSchema.builder(Contribution.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Contribution::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Contribution::sk, primarySortKey()))
                .addAttribute(Long.class, attribute("sequence", Contribution::sequence))
                .addAttribute(BigDecimal.class, attribute("contractedUsd", Contribution::contractedUsd, DomainConverters.PLAIN_NUMBER))
                .newItemBuilder(ItemAttributes::new, f -> new Contribution(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("sequence"),
                        f.get("contractedUsd")))
                .build();
    }

    /**
     * Per commitment ({@code TOTAL}): the sum of what the offers contribute ({@code contractedUsd}, added to by each
     * change of an offer's contribution) and how far its recount from the record has come.
     *
     * @param recount     {@code RUNNING} or {@code DONE}; absent before a recount started
     * @param recountFrom where a running recount goes on from
     */
    record CommitmentSum(String pk, String sk, BigDecimal contractedUsd, String recount, String recountFrom) {

        static final StaticImmutableTableSchema<CommitmentSum, ItemAttributes> SCHEMA = TableSchema.builder(CommitmentSum.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, CommitmentSum::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, CommitmentSum::sk, primarySortKey()))
                .addAttribute(BigDecimal.class, attribute("contractedUsd", CommitmentSum::contractedUsd, DomainConverters.PLAIN_NUMBER,
                        Additions.added()))
                .addAttribute(String.class, attribute("recount", CommitmentSum::recount))
                .addAttribute(String.class, attribute("recountFrom", CommitmentSum::recountFrom))
                .newItemBuilder(ItemAttributes::new, f -> new CommitmentSum(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("contractedUsd"),
                        f.get("recount"), f.get("recountFrom")))
                .build();
    }
}
