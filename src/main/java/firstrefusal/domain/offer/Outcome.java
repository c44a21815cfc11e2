package firstrefusal.domain.offer;

import java.util.List;
import java.util.Optional;

/** What deciding a log item leads to: a change to record, or an answer from what is already recorded. */
public sealed interface Outcome {

    /** The decision returned to the sender. */
    Decision answer();

    /**
     * A change: {@code next} replaces the state read at {@code expectedVersion}, {@code appended} joins the history and
     * {@code kept} the log, all in one transaction or not at all.
     */
    record Changed(long expectedVersion, OfferState next, List<HistoryEntry> appended, Optional<KeptItem> kept, Decision answer)
            implements Outcome {

        public Changed {
            appended = List.copyOf(appended);
        }
    }

    /** Nothing to write: a redelivery, answered as its first delivery was. */
    record Unchanged(Decision answer) implements Outcome {
    }
}
