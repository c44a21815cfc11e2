package firstrefusal.domain.offer;

import firstrefusal.domain.record.RecordProof;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where one offer stands on the record: its latest revision, the decision in force, the window in force (or the last one,
 * once closed), and what the record needs besides the fold: the write counter, the history's length, the reminders sent.
 *
 * @param window          the window in force, or the last one; null if first refusal never opened
 * @param version         how many times the record was written; storage writes only over the version it read
 * @param entries         how many history entries are recorded: the sequence of the last
 * @param remindersSent   the reminder leads already sent for this revision and deadline ({@link ReminderSchedule});
 *                        every recorded entry starts it empty again
 * @param firstReceivedAt when the offer's first revision was received: what the what-if's date range selects on
 * @param clockAt         the latest clock tick that decided something for it: a re-fold applies time up to it, as it was
 * @param deadlineMovedBy the entry that last moved the window's deadline (a late notice), which reminders name; null if none
 * @param head            the last item of the offer's hash chain as read (src/docs/contract.md, "A record that proves
 *                        itself"), which the next write links to; null while the offer is not chained yet
 */
public record OfferState(CapacityOffer offer, Decision decision, Window window, long version, long entries,
        Set<String> remindersSent, Instant firstReceivedAt, Optional<Instant> clockAt, Long deadlineMovedBy,
        RecordProof.Head head) {

    public OfferState {
        remindersSent = Set.copyOf(remindersSent);
    }

    /** A state not chained yet: a new offer's first, or one read before the chain reached it. */
    public OfferState(CapacityOffer offer, Decision decision, Window window, long version, long entries,
            Set<String> remindersSent, Instant firstReceivedAt, Optional<Instant> clockAt, Long deadlineMovedBy) {
        this(offer, decision, window, version, entries, remindersSent, firstReceivedAt, clockAt, deadlineMovedBy, null);
    }

    /** The state after a reminder of {@code lead} was recorded, which moved the offer's chain to {@code head}. */
    public OfferState reminded(String lead, RecordProof.Head head) {
        Set<String> sent = new HashSet<>(remindersSent);
        sent.add(lead);
        return new OfferState(offer, decision, window, version, entries, sent, firstReceivedAt, clockAt, deadlineMovedBy, head);
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

    /** Pending, but its notice is not recorded yet: the deadline is provisional and nothing lapses the offer. */
    public boolean awaitsNotice() {
        return isOutstanding() && window != null && window.isProvisional();
    }
}
