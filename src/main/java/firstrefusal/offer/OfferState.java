package firstrefusal.offer;

import java.time.Instant;
import java.util.Set;

/**
 * Where one offer stands now: its latest revision, the decision in force, the terms the holder was
 * last asked to match, and when the clock next needs to look at it.
 *
 * @param seenByHolder  the terms of the revision that opened first refusal; null if it never did
 * @param dueAt         while pending, when the clock must act: the offer's expiry if that comes first,
 *                      else the deadline plus the clock grace; null once decided
 * @param version       how many decisions are recorded; storage writes only over the version it read
 * @param remindersSent the reminder leads already sent for this revision, as written in the configuration
 *                      (see {@link ReminderSchedule}); every recorded decision starts it empty again
 * @param firstReceivedAt when the offer's first revision arrived: what the what-if's date range selects on
 */
public record OfferState(CapacityOffer offer, Decision decision, Terms seenByHolder, Instant dueAt, long version,
        Set<String> remindersSent, Instant firstReceivedAt) {

    public OfferState {
        remindersSent = Set.copyOf(remindersSent);
    }

    public String offerId() {
        return offer.offerId();
    }

    public Status status() {
        return decision.status();
    }

    public boolean isOutstanding() {
        return decision.status().isOutstanding();
    }
}
