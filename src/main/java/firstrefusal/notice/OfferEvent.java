package firstrefusal.notice;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.Reminder;
import firstrefusal.offer.Rule;
import java.time.Duration;
import java.time.Instant;

/**
 * What leaves the product on its event bus (see src/docs/contract.md, "Events out"): one event per history
 * entry, plus the clock's reminders. Each carries the decision in force and the terms it was made on.
 *
 * <p>{@link #eventId()} is derived from what was recorded, never random, so every redelivery of the same
 * entry carries the same id and consumers can drop duplicates by it.
 */
public sealed interface OfferEvent permits OfferEvent.FirstRefusalRequested, OfferEvent.FirstRefusalReminder,
        OfferEvent.OfferDecided {

    /** The EventBridge {@code source} of every event. */
    String SOURCE = "first-refusal";

    String eventId();

    /** The EventBridge {@code detail-type}. */
    String detailType();

    /** The history entry this event reports, or for a reminder the one that made the offer pending. */
    long sequence();

    Decision decision();

    CapacityOffer offer();

    default String offerId() {
        return offer().offerId();
    }

    /** The deadline while the offer awaits the holder; null once decided. */
    default Instant respondBy() {
        return decision().status().isOutstanding() ? decision().firstRefusalDeadline() : null;
    }

    /** The notice to the holder: an entry that made the offer pending ({@code FIRST_REFUSAL_REQUIRED}, {@code MATERIAL_CHANGE}). */
    record FirstRefusalRequested(long sequence, Decision decision, CapacityOffer offer) implements OfferEvent {

        public static final String DETAIL_TYPE = "First Refusal Requested";

        @Override
        public String eventId() {
            return offer.offerId() + "#" + sequence;
        }

        @Override
        public String detailType() {
            return DETAIL_TYPE;
        }
    }

    /** A pending offer's deadline is at most {@code lead} away. */
    record FirstRefusalReminder(long sequence, Decision decision, CapacityOffer offer, String lead, Duration timeLeft)
            implements OfferEvent {

        public static final String DETAIL_TYPE = "First Refusal Reminder";

        @Override
        public String eventId() {
            return offer.offerId() + "#r" + offer.revision() + "#reminder#" + lead;
        }

        @Override
        public String detailType() {
            return DETAIL_TYPE;
        }
    }

    /** Every other entry: the offer was decided, or a revision left its decision standing. */
    record OfferDecided(long sequence, Decision decision, CapacityOffer offer) implements OfferEvent {

        public static final String DETAIL_TYPE = "Offer Decided";

        @Override
        public String eventId() {
            return offer.offerId() + "#" + sequence;
        }

        @Override
        public String detailType() {
            return DETAIL_TYPE;
        }
    }

    /** The event a recorded history entry publishes. */
    static OfferEvent of(HistoryEntry entry) {
        Rule rule = entry.decision().rule();
        return rule == Rule.FIRST_REFUSAL_REQUIRED || rule == Rule.MATERIAL_CHANGE
                ? new FirstRefusalRequested(entry.sequence(), entry.decision(), entry.offer())
                : new OfferDecided(entry.sequence(), entry.decision(), entry.offer());
    }

    static OfferEvent of(Reminder reminder) {
        return new FirstRefusalReminder(reminder.sequence(), reminder.decision(), reminder.offer(), reminder.lead(),
                reminder.timeLeft());
    }
}
