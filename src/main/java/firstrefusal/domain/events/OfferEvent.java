package firstrefusal.domain.events;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Recorded;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Window;
import java.time.Duration;
import java.time.Instant;

/**
 * What the holder and the buyer's team hear (see src/docs/contract.md, "Events out"): one event per history entry,
 * plus the clock's reminders. Each carries the decision in force and the terms it was made on. The domain says which
 * event each recorded thing is ({@link #of}); how an event looks on the bus is the wire's business
 * ({@code firstrefusal.wire.EventJson}).
 *
 * <p>{@link #eventId()} is derived from what was recorded, never random, so every redelivery of the same
 * entry carries the same id and consumers can drop duplicates by it.
 */
public sealed interface OfferEvent permits OfferEvent.FirstRefusalRequested, OfferEvent.FirstRefusalReminder,
        OfferEvent.OfferDecided {

    String eventId();

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

        @Override
        public String eventId() {
            return offer.offerId() + "#" + sequence;
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

    /** A pending offer's deadline is at most {@code lead} away; {@code window} is the one it reminds of (null if unknown). */
    record FirstRefusalReminder(long sequence, Decision decision, CapacityOffer offer, String key, String lead, Duration timeLeft,
            Window window) implements OfferEvent {

        @Override
        public String eventId() {
            return offer.offerId() + "#" + key;
        }
    }

    /** Every other entry: the offer was decided, a revision left its decision standing, a late notice moved the deadline. */
    record OfferDecided(long sequence, Decision decision, CapacityOffer offer) implements OfferEvent {

        @Override
        public String eventId() {
            return offer.offerId() + "#" + sequence;
        }
    }

    /** The event each thing the record holds is: a history entry or a reminder. */
    static OfferEvent of(Recorded recorded) {
        return switch (recorded) {
            case HistoryEntry entry -> of(entry);
            case Reminder reminder -> of(reminder);
        };
    }

    /**
     * The event a recorded history entry publishes, by its own rule: one that opens a window asks the holder (a correction
     * that makes the offer pending again too); every other entry, a correction that keeps the offer pending and a late
     * notice among them, is an {@code Offer Decided}.
     */
    static OfferEvent of(HistoryEntry entry) {
        return entry.decision().rule().is(Rule.Trait.OPENS_WINDOW)
                ? new FirstRefusalRequested(entry.sequence(), entry.decision(), entry.offer(), entry.window(), null)
                : new OfferDecided(entry.sequence(), entry.decision(), entry.offer());
    }

    static OfferEvent of(Reminder reminder) {
        return new FirstRefusalReminder(reminder.sequence(), reminder.decision(), reminder.offer(), reminder.key(),
                reminder.lead(), reminder.timeLeft(), reminder.window());
    }
}
