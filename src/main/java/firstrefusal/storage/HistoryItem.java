package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.Delivery;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.KeptItem;
import firstrefusal.offer.Window;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of {@link HistoryEntry}: one item per recorded decision, never rewritten. It carries the revision the
 * decision rests on (so the table's stream alone can tell the holder what to match), the window in force, and the
 * message that caused it, if one did: the message is kept with the entry it caused.
 */
final class HistoryItem extends TableItem {

    Long sequence;
    String cause;
    Window window;
    String feed;
    String byProvider;
    String byStatus;
    String byRule;
    String decidedOrder;
    String message;
    String arrivedAt;

    static final TableSchema<HistoryItem> SCHEMA = TableItem.replayable(HistoryItem.class, HistoryItem::new)
            .addAttribute(Long.class, a -> a.name("sequence").getter(i -> i.sequence).setter((i, v) -> i.sequence = v))
            .addAttribute(String.class, a -> a.name("cause").getter(i -> i.cause).setter((i, v) -> i.cause = v))
            .addAttribute(Window.class, a -> a.name("window").getter(i -> i.window).setter((i, v) -> i.window = v)
                    .attributeConverter(DomainConverters.WINDOW))
            .addAttribute(String.class, a -> a.name(OfferTable.FEED).getter(i -> i.feed).setter((i, v) -> i.feed = v)
                    .tags(secondaryPartitionKey(OfferTable.RECENT_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.BY_PROVIDER).getter(i -> i.byProvider)
                    .setter((i, v) -> i.byProvider = v).tags(secondaryPartitionKey(OfferTable.BY_PROVIDER_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.BY_STATUS).getter(i -> i.byStatus)
                    .setter((i, v) -> i.byStatus = v).tags(secondaryPartitionKey(OfferTable.BY_STATUS_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.BY_RULE).getter(i -> i.byRule)
                    .setter((i, v) -> i.byRule = v).tags(secondaryPartitionKey(OfferTable.BY_RULE_INDEX)))
            .addAttribute(String.class, a -> a.name(OfferTable.DECIDED_ORDER).getter(i -> i.decidedOrder)
                    .setter((i, v) -> i.decidedOrder = v).tags(secondarySortKey(OfferTable.RECENT_INDEX),
                            secondarySortKey(OfferTable.BY_PROVIDER_INDEX), secondarySortKey(OfferTable.BY_STATUS_INDEX),
                            secondarySortKey(OfferTable.BY_RULE_INDEX)))
            .addAttribute(String.class, a -> a.name("message").getter(i -> i.message).setter((i, v) -> i.message = v))
            .addAttribute(String.class, a -> a.name("arrivedAt").getter(i -> i.arrivedAt).setter((i, v) -> i.arrivedAt = v))
            .build();

    /**
     * @param kept            the message that caused it, when one did
     * @param firstReceivedAt when the offer first arrived: its place in the replay index
     */
    static HistoryItem of(HistoryEntry entry, Optional<KeptItem> kept, Instant firstReceivedAt) {
        HistoryItem item = new HistoryItem();
        item.keys(entry.decision().offerId(), OfferTable.historyKey(entry.sequence()), firstReceivedAt);
        item.sequence = entry.sequence();
        item.cause = entry.cause();
        item.window = entry.window();
        item.decision = entry.decision();
        item.offer = entry.offer();
        item.feed = OfferTable.DECISIONS;
        item.byProvider = entry.decision().provider();
        item.byStatus = entry.decision().status().name();
        item.byRule = entry.decision().rule().name();
        item.decidedOrder = DecisionOrder.of(entry.decision().decidedAt(), entry.decision().offerId(), entry.sequence());
        kept.map(KeptItem::item).filter(Delivery.class::isInstance).map(Delivery.class::cast).ifPresent(d -> {
            item.message = KeptForm.message(d);
            item.arrivedAt = KeptForm.arrival(d);
        });
        return item;
    }

    HistoryEntry toEntry() {
        return new HistoryEntry(sequence, decision, offer, cause, window);
    }

    /** The message kept with this entry, answered with its decision; empty when time or a notice caused it. */
    Optional<KeptItem> kept() {
        if (message == null) {
            return Optional.empty();
        }
        return Optional.of(new KeptItem(KeptForm.delivery(message, arrivedAt), decision, decision.recordedAt(), sequence));
    }
}
