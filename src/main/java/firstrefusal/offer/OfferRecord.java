package firstrefusal.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An offer's state with its full decision history, oldest first: what a message is judged against. */
public record OfferRecord(OfferState state, List<HistoryEntry> history) {

    public OfferRecord {
        history = List.copyOf(history);
    }

    /** What the store holds once {@code change} is recorded over {@code before} (null for a new offer). */
    public static OfferRecord after(OfferRecord before, Outcome.Changed change) {
        List<HistoryEntry> history = new ArrayList<>(before == null ? List.of() : before.history());
        history.addAll(change.appended());
        return new OfferRecord(change.next(), history);
    }

    /** The decision an earlier delivery of the same message produced, if any. */
    public Optional<HistoryEntry> entryCausedBy(String messageKey) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).cause().equals(messageKey)) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** The last decision that set the status; a non-material revision only carries it forward. */
    public Optional<Decision> basis() {
        for (int i = history.size() - 1; i >= 0; i--) {
            Decision d = history.get(i).decision();
            if (d.rule() != Rule.NON_MATERIAL_REVISION) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
