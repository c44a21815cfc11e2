package firstrefusal.domain.offer;

import java.time.Duration;
import java.time.Instant;

/**
 * A reminder that a pending offer's first-refusal deadline is near, as a clock tick at {@code at} sent it.
 *
 * @param sequence the latest history entry of the offer when it was sent
 * @param lead     the configured lead that fell due, as written ({@code PT24H})
 * @param movedBy  the entry that moved the deadline it reminds of (a late notice), or null: each lead is sent once per
 *                 revision and deadline
 * @param window   the window it reminds of (which the answer link names); null on a reminder recorded before it was kept
 */
public record Reminder(CapacityOffer offer, Decision decision, long sequence, String lead, Instant at, Long movedBy,
        Window window) implements Recorded {

    public static Reminder of(OfferState state, ReminderSchedule.Lead lead, Instant at) {
        return new Reminder(state.offer(), state.decision(), state.entries(), lead.text(), at, state.deadlineMovedBy(),
                state.window());
    }

    @Override
    public String offerId() {
        return offer.offerId();
    }

    /** Identifies the reminder: one per revision, lead and deadline. */
    public String key() {
        return "r" + offer.revision() + "#reminder#" + lead + (movedBy == null ? "" : "#n" + movedBy);
    }

    /** Time left to the deadline when it was sent. */
    public Duration timeLeft() {
        return Duration.between(at, decision.firstRefusalDeadline());
    }
}
