package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Reminder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where offers, their decisions and their logs are kept. The decision code sees only this interface. */
public interface OfferStore {

    /** The offer's state, full history and log, read consistently; empty when the offer was never recorded. */
    Optional<OfferRecord> load(String offerId);

    /**
     * Records a change atomically: the new state over exactly the version it was decided on, its history entries and
     * its kept item. Durable when this returns.
     *
     * @throws ConcurrentChangeException when the offer changed since it was read; nothing was written
     */
    void record(Outcome.Changed change);

    /**
     * Records a reminder and marks its lead sent on the offer's state, atomically, provided the state is still as
     * {@code state} (its version and the head of its chain). The offer's status, version and history stay as they are.
     *
     * @return the state with the lead sent and the chain's new head; empty when this reminder was recorded before
     *         (another tick sent it), and nothing was written
     * @throws ConcurrentChangeException when the offer changed since it was read; nothing was written
     */
    Optional<OfferState> recordReminder(Reminder reminder, OfferState state);

    /** A page of offers' states, in no particular order, and where the next page starts; empty when this was the last. */
    record StatePage(List<OfferState> states, Optional<String> next) {
    }

    /**
     * The states of every offer, a page at a time (at most {@code limit} items read a page), from where an earlier page said
     * to go on: for a recount of the whole record, never for a visitor, and never a Scan.
     */
    StatePage offerStates(Optional<String> after, int limit);

    /** Every pending offer. Reads only pending offers, however long the history. */
    List<OfferState> outstanding();

    /**
     * Recorded decisions that match {@code query}, newest first, at most {@code limit}, starting where an
     * earlier page's {@link DecisionPage#next()} said, in at most {@code maxReads} requests: a page that spends them
     * before it is full says so and hands back where to go on. Reads grow with the decisions returned, not with the
     * table, and never beyond {@code maxReads}.
     *
     * @throws IllegalArgumentException when {@code after} is not a position this store gave out
     */
    DecisionPage decisions(DecisionQuery query, Optional<String> after, int limit, int maxReads);

    /**
     * Every offer first received from {@code from} to {@code to} (inclusive; either end may be open), oldest first,
     * each handed over whole (state, history and log), one offer at a time, so memory holds a few offers and not the
     * range, and no more than {@code atMost} of them. Reads grow with the offers handed over, never with the rest of
     * the table.
     *
     * @return false when the range holds more than {@code atMost} offers (the first {@code atMost} were handed over)
     */
    boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost, Consumer<OfferRecord> offer);

    /** Every offer first received in the range, however many: for tests and benchmarks, never for a visitor. */
    default void forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, Consumer<OfferRecord> offer) {
        forEachOfferReceived(from, to, Integer.MAX_VALUE, offer);
    }
}
