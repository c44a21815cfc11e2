package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** What the clock writes when it chains a record older than the chain ({@link DynamoChainStore}). */
final class ChainItems {

    static final String CHAINED_AT = "chainedAt";

    private ChainItems() {
    }

    /** An item's place in its offer's chain, written onto an item that had none: an update of these two only. */
    record Link(String pk, String sk, Long seq, String hash) {

        static final StaticImmutableTableSchema<Link, ItemAttributes> SCHEMA = TableSchema.builder(Link.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Link::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Link::sk, primarySortKey()))
                .addAttribute(Long.class, attribute(Chain.SEQ, Link::seq))
                .addAttribute(String.class, attribute(Chain.HASH, Link::hash))
                .newItemBuilder(ItemAttributes::new, f -> new Link(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get(Chain.SEQ), f.get(Chain.HASH)))
                .build();
    }

    /** On the state: the chain's head, undigested, and when the clock chained it. */
    record Chained(String pk, String sk, Long headSeq, String headHash, String undigested, String chainedAt) {

        static final StaticImmutableTableSchema<Chained, ItemAttributes> SCHEMA = TableSchema.builder(Chained.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Chained::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Chained::sk, primarySortKey()))
                .addAttribute(Long.class, attribute(StateItem.HEAD_SEQ, Chained::headSeq))
                .addAttribute(String.class, attribute(StateItem.HEAD_HASH, Chained::headHash))
                .addAttribute(String.class, attribute(TableLayout.UNDIGESTED, Chained::undigested))
                .addAttribute(String.class, attribute(CHAINED_AT, Chained::chainedAt))
                .newItemBuilder(ItemAttributes::new, f -> new Chained(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get(StateItem.HEAD_SEQ),
                        f.get(StateItem.HEAD_HASH), f.get(TableLayout.UNDIGESTED), f.get(CHAINED_AT)))
                .build();
    }

    /** Where the clock's pass over older records stands. */
    record Chaining(String pk, String sk, String next, String completedAt) {

        static final StaticImmutableTableSchema<Chaining, ItemAttributes> SCHEMA = TableSchema.builder(Chaining.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Chaining::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Chaining::sk, primarySortKey()))
                .addAttribute(String.class, attribute("next", Chaining::next))
                .addAttribute(String.class, attribute("completedAt", Chaining::completedAt))
                .newItemBuilder(ItemAttributes::new, f -> new Chaining(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("next"),
                        f.get("completedAt")))
                .build();
    }
}
