package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every item of an offer's partition holds: its keys, the offer (the revision it concerns) and a decision; and, for
 * every kind the what-if reads ({@link Replayable}), the keys of the replay index (its offer's first receipt). Each kind
 * is an immutable record whose schema extends {@link #COMMON} or {@link #REPLAYED}: static schemas, declared attribute by
 * attribute rather than found by bean reflection, so a native image needs nothing registered for them and every stored
 * name is written once, here and in the kinds.
 */
sealed interface TableItem permits TableItem.Replayable, ReminderItem {

    String pk();

    String sk();

    CapacityOffer offer();

    Decision decision();

    /** Its place in the offer's hash chain ({@link Chain}); null for the state, and for an item written before the chain. */
    default Long seq() {
        return null;
    }

    /** Its hash in the offer's chain; null where {@link #seq} is. */
    default String hash() {
        return null;
    }

    /** An item of an offer's record, which the what-if replays: in the index by first receipt. */
    sealed interface Replayable extends TableItem permits StateItem, HistoryItem, KeptAloneItem {

        String replayFeed();

        Long firstReceivedMs();
    }

    /** The attributes every kind has. Abstract: each kind's schema extends it. */
    StaticImmutableTableSchema<TableItem, ItemAttributes> COMMON = StaticImmutableTableSchema.builder(TableItem.class, ItemAttributes.class)
            .addAttribute(String.class, attribute(TableLayout.PK, TableItem::pk, primaryPartitionKey()))
            .addAttribute(String.class, attribute(TableLayout.SK, TableItem::sk, primarySortKey()))
            .addAttribute(CapacityOffer.class, attribute("offer", TableItem::offer, DomainConverters.OFFER))
            .addAttribute(Decision.class, attribute("decision", TableItem::decision, DomainConverters.DECISION))
            .addAttribute(Long.class, attribute(Chain.SEQ, TableItem::seq))
            .addAttribute(String.class, attribute(Chain.HASH, TableItem::hash))
            .build();

    /** ... and the replay index's keys, for the kinds that have them. */
    StaticImmutableTableSchema<Replayable, ItemAttributes> REPLAYED = StaticImmutableTableSchema.builder(Replayable.class, ItemAttributes.class)
            .extend(COMMON)
            .addAttribute(String.class, attribute(TableLayout.REPLAY_FEED, Replayable::replayFeed,
                    secondaryPartitionKey(TableLayout.REPLAY_INDEX)))
            .addAttribute(Long.class, attribute(TableLayout.FIRST_RECEIVED_MS, Replayable::firstReceivedMs,
                    secondarySortKey(TableLayout.REPLAY_INDEX)))
            .build();

    /** The item as the table stores it: what the store puts. */
    default Map<String, AttributeValue> toItem() {
        return OfferItems.SCHEMA.itemToMap(this, true);
    }
}
