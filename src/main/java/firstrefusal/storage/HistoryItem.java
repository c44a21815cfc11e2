package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.InvalidMessageException;
import firstrefusal.offer.OfferMessage;
import firstrefusal.wire.MessageJson;
import firstrefusal.wire.WireJson;
import java.time.Instant;
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
    String message;
    String replayFeed;
    Long firstReceivedMs;

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
            .addAttribute(String.class, a -> a.name("message").getter(i -> i.message).setter((i, v) -> i.message = v))
            .addAttribute(String.class, a -> a.name(OfferTable.REPLAY_FEED).getter(i -> i.replayFeed)
                    .setter((i, v) -> i.replayFeed = v).tags(secondaryPartitionKey(OfferTable.REPLAY_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.FIRST_RECEIVED_MS).getter(i -> i.firstReceivedMs)
                    .setter((i, v) -> i.firstReceivedMs = v).tags(secondarySortKey(OfferTable.REPLAY_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.DECIDED_AT_MS).getter(i -> i.decidedAtMs)
                    .setter((i, v) -> i.decidedAtMs = v).tags(secondarySortKey(OfferTable.RECENT_INDEX),
                            secondarySortKey(OfferTable.BY_PROVIDER_INDEX), secondarySortKey(OfferTable.BY_STATUS_INDEX),
                            secondarySortKey(OfferTable.BY_RULE_INDEX)))
            .build();

    /** @param firstReceivedAt when the offer first arrived: its place in the replay index */
    static HistoryItem of(HistoryEntry entry, Instant firstReceivedAt) {
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
        item.message = entry.message() == null ? null : MessageJson.canonical(entry.message());
        item.replayFeed = OfferTable.OFFERS;
        item.firstReceivedMs = firstReceivedAt.toEpochMilli();
        return item;
    }

    /**
     * The entry with its kept message. A kept message that no longer reads (say, a validation rule tightened since it
     * was accepted) counts as not kept: its offer is then not replayable, and it never stops the offer from being
     * decided or its notices from leaving.
     */
    HistoryEntry toEntry() {
        OfferMessage kept = null;
        if (message != null) {
            try {
                kept = MessageJson.read(WireJson.parse(message, "message"));
            } catch (InvalidMessageException unreadable) {
                // the offer is then not replayable, and counted so
            }
        }
        return new HistoryEntry(sequence, decision, offer, cause, fingerprint, kept);
    }
}
