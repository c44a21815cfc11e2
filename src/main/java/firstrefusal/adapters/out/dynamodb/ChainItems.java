package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.Fields.attribute;
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

        static final StaticImmutableTableSchema<Link, Fields> SCHEMA = TableSchema.builder(Link.class, Fields.class)
                .addAttribute(String.class, attribute(OfferTable.PK, Link::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(OfferTable.SK, Link::sk, primarySortKey()))
                .addAttribute(Long.class, attribute(Chain.SEQ, Link::seq))
                .addAttribute(String.class, attribute(Chain.HASH, Link::hash))
                .newItemBuilder(Fields::new, f -> new Link(f.get(OfferTable.PK), f.get(OfferTable.SK), f.get(Chain.SEQ), f.get(Chain.HASH)))
                .build();
    }

    /** On the state: the chain's head, undigested, and when the clock chained it. */
    record Chained(String pk, String sk, Long headSeq, String headHash, String undigested, String chainedAt) {

        static final StaticImmutableTableSchema<Chained, Fields> SCHEMA = TableSchema.builder(Chained.class, Fields.class)
                .addAttribute(String.class, attribute(OfferTable.PK, Chained::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(OfferTable.SK, Chained::sk, primarySortKey()))
                .addAttribute(Long.class, attribute(StateItem.HEAD_SEQ, Chained::headSeq))
                .addAttribute(String.class, attribute(StateItem.HEAD_HASH, Chained::headHash))
                .addAttribute(String.class, attribute(OfferTable.UNDIGESTED, Chained::undigested))
                .addAttribute(String.class, attribute(CHAINED_AT, Chained::chainedAt))
                .newItemBuilder(Fields::new, f -> new Chained(f.get(OfferTable.PK), f.get(OfferTable.SK), f.get(StateItem.HEAD_SEQ),
                        f.get(StateItem.HEAD_HASH), f.get(OfferTable.UNDIGESTED), f.get(CHAINED_AT)))
                .build();
    }

    /** Where the clock's pass over older records stands. */
    record Chaining(String pk, String sk, String next, String completedAt) {

        static final StaticImmutableTableSchema<Chaining, Fields> SCHEMA = TableSchema.builder(Chaining.class, Fields.class)
                .addAttribute(String.class, attribute(OfferTable.PK, Chaining::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(OfferTable.SK, Chaining::sk, primarySortKey()))
                .addAttribute(String.class, attribute("next", Chaining::next))
                .addAttribute(String.class, attribute("completedAt", Chaining::completedAt))
                .newItemBuilder(Fields::new, f -> new Chaining(f.get(OfferTable.PK), f.get(OfferTable.SK), f.get("next"),
                        f.get("completedAt")))
                .build();
    }
}
