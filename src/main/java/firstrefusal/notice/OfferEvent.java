package firstrefusal.notice;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.Reminder;
import firstrefusal.offer.Rule;
import firstrefusal.offer.Window;
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

    /** The history entry this event reports, or for a reminder the offer's latest entry when it was sent. */
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

    /**
     * The notice to the holder: an entry that makes an offer pending ({@code FIRST_REFUSAL_REQUIRED},
     * {@code MATERIAL_CHANGE}, or a correction that makes it pending again).
     *
     * @param window the window it asks the holder to answer within
     * @param toldAt when {@code notify} sent it, once known: a notice later than the notice grace moves the deadline
     */
    record FirstRefusalRequested(long sequence, Decision decision, CapacityOffer offer, Window window, Instant toldAt)
            implements OfferEvent {

        public static final String DETAIL_TYPE = "First Refusal Requested";

        @Override
        public String eventId() {
            return offer.offerId() + "#" + sequence;
        }

        @Override
        public String detailType() {
            return DETAIL_TYPE;
        }

        /** Whether its window still waits for a notice: then sending this records one. */
        public boolean isNotice() {
            return window != null && window.isProvisional() && decision.status().isOutstanding();
        }

        /** The same notice, sent at {@code at}. */
        public FirstRefusalRequested toldAt(Instant at) {
            return new FirstRefusalRequested(sequence, decision, offer, window, at);
        }

        /** The deadline the holder is told: from the notice, when it leaves later than the notice grace allows. */
        @Override
        public Instant respondBy() {
            if (toldAt != null && isNotice() && window.noticed(toldAt).noticedLate()) {
                return toldAt.plus(window.length());
            }
            return OfferEvent.super.respondBy();
        }
    }

    /** A pending offer's deadline is at most {@code lead} away. */
    record FirstRefusalReminder(long sequence, Decision decision, CapacityOffer offer, String key, String lead, Duration timeLeft)
            implements OfferEvent {

        public static final String DETAIL_TYPE = "First Refusal Reminder";

        @Override
        public String eventId() {
            return offer.offerId() + "#" + key;
        }

        @Override
        public String detailType() {
            return DETAIL_TYPE;
        }
    }

    /** Every other entry: the offer was decided, a revision left its decision standing, a late notice moved the deadline. */
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
        boolean asksHolder = rule == Rule.FIRST_REFUSAL_REQUIRED || rule == Rule.MATERIAL_CHANGE
                || entry.isCorrection() && entry.decision().status().isOutstanding() && rule != Rule.NOTICE_LATE;
        return asksHolder
                ? new FirstRefusalRequested(entry.sequence(), entry.decision(), entry.offer(), entry.window(), null)
                : new OfferDecided(entry.sequence(), entry.decision(), entry.offer());
    }

    static OfferEvent of(Reminder reminder) {
        return new FirstRefusalReminder(reminder.sequence(), reminder.decision(), reminder.offer(), reminder.key(),
                reminder.lead(), reminder.timeLeft());
    }
}
