package firstrefusal.offer;

import java.time.Duration;
import java.time.Instant;

/**
 * A reminder that a pending offer's first-refusal deadline is near, as a clock tick at {@code at} sent it.
 *
 * @param sequence the history entry it reminds of: the decision that made the offer pending
 * @param lead     the configured lead that fell due, as written ({@code PT24H})
 */
public record Reminder(CapacityOffer offer, Decision decision, long sequence, String lead, Instant at) {

    public static Reminder of(OfferState state, ReminderSchedule.Lead lead, Instant at) {
        return new Reminder(state.offer(), state.decision(), state.version(), lead.text(), at);
    }

    public String offerId() {
        return offer.offerId();
    }

    /** Time left to the deadline when it was sent. */
    public Duration timeLeft() {
        return Duration.between(at, decision.firstRefusalDeadline());
    }
}
