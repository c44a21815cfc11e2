package firstrefusal.offer;

import java.util.List;

/** What deciding a message leads to: a change to record, or an answer from what is already recorded. */
public sealed interface Outcome {

    /** The decision returned to the sender. */
    Decision answer();

    /**
     * A state change: {@code next} replaces the state read at {@code expectedVersion}, and
     * {@code appended} joins the history, both in one transaction or not at all.
     */
    record Changed(long expectedVersion, OfferState next, List<HistoryEntry> appended, Decision answer) implements Outcome {

        public Changed {
            appended = List.copyOf(appended);
        }
    }

    /** Nothing to write: a duplicate, or a late holder answer to an offer whose lapse is recorded. */
    record Unchanged(Decision answer) implements Outcome {
    }
}
