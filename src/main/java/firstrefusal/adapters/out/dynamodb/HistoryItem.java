package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Window;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    @Override
    void write(Map<String, AttributeValue> item) {
        Attributes.put(item, "sequence", sequence);
        Attributes.put(item, "cause", cause);
        Attributes.put(item, "window", window, DomainConverters.WINDOW::attribute);
        Attributes.put(item, OfferTable.FEED, feed);
        Attributes.put(item, OfferTable.BY_PROVIDER, byProvider);
        Attributes.put(item, OfferTable.BY_STATUS, byStatus);
        Attributes.put(item, OfferTable.BY_RULE, byRule);
        Attributes.put(item, OfferTable.DECIDED_ORDER, decidedOrder);
        Attributes.put(item, "message", message);
        Attributes.put(item, "arrivedAt", arrivedAt);
    }

    static HistoryItem from(Map<String, AttributeValue> item) {
        HistoryItem h = new HistoryItem();
        h.readCommon(item);
        h.sequence = Attributes.number(item, "sequence");
        h.cause = Attributes.str(item, "cause");
        h.window = Attributes.map(item, "window", DomainConverters.WINDOW::read);
        h.feed = Attributes.str(item, OfferTable.FEED);
        h.byProvider = Attributes.str(item, OfferTable.BY_PROVIDER);
        h.byStatus = Attributes.str(item, OfferTable.BY_STATUS);
        h.byRule = Attributes.str(item, OfferTable.BY_RULE);
        h.decidedOrder = Attributes.str(item, OfferTable.DECIDED_ORDER);
        h.message = Attributes.str(item, "message");
        h.arrivedAt = Attributes.str(item, "arrivedAt");
        return h;
    }

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
