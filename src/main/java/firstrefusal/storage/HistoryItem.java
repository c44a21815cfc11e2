package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of {@link HistoryEntry}: one item per recorded decision, never rewritten. It carries the
 * revision the decision was made on, so the table's stream alone can tell the holder what to match.
 */
final class HistoryItem extends TableItem {

    Long sequence;
    String cause;
    String fingerprint;
    String feed;
    String byProvider;
    String byStatus;
    String byRule;
    Long decidedAtMs;

    static final TableSchema<HistoryItem> SCHEMA = TableItem.schema(HistoryItem.class, HistoryItem::new)
            .addAttribute(Long.class, a -> a.name("sequence").getter(i -> i.sequence).setter((i, v) -> i.sequence = v))
            .addAttribute(String.class, a -> a.name("cause").getter(i -> i.cause).setter((i, v) -> i.cause = v))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(i -> i.fingerprint).setter((i, v) -> i.fingerprint = v))
            .addAttribute(String.class, a -> a.name(OfferTable.FEED).getter(i -> i.feed).setter((i, v) -> i.feed = v)
                    .tags(secondaryPartitionKey(OfferTable.RECENT_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.BY_PROVIDER).getter(i -> i.byProvider)
                    .setter((i, v) -> i.byProvider = v).tags(secondaryPartitionKey(OfferTable.BY_PROVIDER_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.BY_STATUS).getter(i -> i.byStatus)
                    .setter((i, v) -> i.byStatus = v).tags(secondaryPartitionKey(OfferTable.BY_STATUS_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.BY_RULE).getter(i -> i.byRule)
                    .setter((i, v) -> i.byRule = v).tags(secondaryPartitionKey(OfferTable.BY_RULE_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.DECIDED_AT_MS).getter(i -> i.decidedAtMs)
                    .setter((i, v) -> i.decidedAtMs = v).tags(secondarySortKey(OfferTable.RECENT_INDEX),
                            secondarySortKey(OfferTable.BY_PROVIDER_INDEX), secondarySortKey(OfferTable.BY_STATUS_INDEX),
                            secondarySortKey(OfferTable.BY_RULE_INDEX)))
            .build();

    static HistoryItem of(HistoryEntry entry) {
        HistoryItem item = new HistoryItem();
        item.pk = OfferTable.offerKey(entry.decision().offerId());
        item.sk = OfferTable.historyKey(entry.sequence());
        item.sequence = entry.sequence();
        item.cause = entry.cause();
        item.fingerprint = entry.fingerprint();
        item.decision = entry.decision();
        item.offer = entry.offer();
        item.feed = OfferTable.DECISIONS;
        item.byProvider = entry.decision().provider();
        item.byStatus = entry.decision().status().name();
        item.byRule = entry.decision().rule().name();
        item.decidedAtMs = entry.decision().decidedAt().toEpochMilli();
        return item;
    }

    HistoryEntry toEntry() {
        return new HistoryEntry(sequence, decision, offer, cause, fingerprint);
    }
}
