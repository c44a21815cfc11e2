package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * What every item of the table holds: its keys, the offer (the revision it concerns) and a decision; and, for every kind
 * the what-if reads, the keys of the replay index (its offer's first receipt). Each kind's schema starts from
 * {@link #schema} or {@link #replayable}; schemas are declared field by field rather than by bean reflection, for a
 * quicker cold start and a native image without reflection.
 */
abstract class TableItem {

    String pk;
    String sk;
    CapacityOffer offer;
    Decision decision;
    String replayFeed;
    Long firstReceivedMs;

    static <T extends TableItem> StaticTableSchema.Builder<T> schema(Class<T> type, Supplier<T> newItem) {
        return StaticTableSchema.builder(type)
                .newItemSupplier(newItem)
                .addAttribute(String.class, a -> a.name(OfferTable.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(OfferTable.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                        .tags(primarySortKey()))
                .addAttribute(CapacityOffer.class, a -> a.name("offer").getter(i -> i.offer).setter((i, v) -> i.offer = v)
                        .attributeConverter(DomainConverters.OFFER))
                .addAttribute(Decision.class, a -> a.name("decision").getter(i -> i.decision).setter((i, v) -> i.decision = v)
                        .attributeConverter(DomainConverters.DECISION));
    }

    /** An item of an offer's record that the what-if replays: in the index by first receipt. */
    static <T extends TableItem> StaticTableSchema.Builder<T> replayable(Class<T> type, Supplier<T> newItem) {
        return schema(type, newItem)
                .addAttribute(String.class, a -> a.name(OfferTable.REPLAY_FEED).getter(i -> i.replayFeed)
                        .setter((i, v) -> i.replayFeed = v).tags(secondaryPartitionKey(OfferTable.REPLAY_INDEX)))
                .addAttribute(Long.class, a -> a.name(OfferTable.FIRST_RECEIVED_MS).getter(i -> i.firstReceivedMs)
                        .setter((i, v) -> i.firstReceivedMs = v).tags(secondarySortKey(OfferTable.REPLAY_INDEX)));
    }

    /** The item's keys, and its place in the replay index. */
    void keys(String offerId, String sortKey, Instant firstReceivedAt) {
        pk = OfferTable.offerKey(offerId);
        sk = sortKey;
        replayFeed = OfferTable.OFFERS;
        firstReceivedMs = firstReceivedAt.toEpochMilli();
    }
}
