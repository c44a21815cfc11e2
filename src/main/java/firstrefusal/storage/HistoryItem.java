package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** The stored form of {@link HistoryEntry}: one item per recorded decision, never rewritten. */
final class HistoryItem {

    String pk;
    String sk;
    Long sequence;
    String cause;
    String fingerprint;
    Decision decision;
    String feed;
    Long decidedAtMs;

    static final TableSchema<HistoryItem> SCHEMA = StaticTableSchema.builder(HistoryItem.class)
            .newItemSupplier(HistoryItem::new)
            .addAttribute(String.class, a -> a.name(OfferTable.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(OfferTable.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name("sequence").getter(i -> i.sequence).setter((i, v) -> i.sequence = v))
            .addAttribute(String.class, a -> a.name("cause").getter(i -> i.cause).setter((i, v) -> i.cause = v))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(i -> i.fingerprint).setter((i, v) -> i.fingerprint = v))
            .addAttribute(Decision.class, a -> a.name("decision").getter(i -> i.decision).setter((i, v) -> i.decision = v)
                    .attributeConverter(DomainConverters.DECISION))
            .addAttribute(String.class, a -> a.name(OfferTable.FEED).getter(i -> i.feed).setter((i, v) -> i.feed = v)
                    .tags(secondaryPartitionKey(OfferTable.RECENT_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.DECIDED_AT_MS).getter(i -> i.decidedAtMs)
                    .setter((i, v) -> i.decidedAtMs = v).tags(secondarySortKey(OfferTable.RECENT_INDEX)))
            .build();

    static HistoryItem of(HistoryEntry entry) {
        HistoryItem item = new HistoryItem();
        item.pk = OfferTable.offerKey(entry.decision().offerId());
        item.sk = OfferTable.historyKey(entry.sequence());
        item.sequence = entry.sequence();
        item.cause = entry.cause();
        item.fingerprint = entry.fingerprint();
        item.decision = entry.decision();
        item.feed = OfferTable.DECISIONS;
        item.decidedAtMs = entry.decision().decidedAt().toEpochMilli();
        return item;
    }

    HistoryEntry toEntry() {
        return new HistoryEntry(sequence, decision, cause, fingerprint);
    }
}
