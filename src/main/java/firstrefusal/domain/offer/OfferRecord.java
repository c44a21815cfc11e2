package firstrefusal.domain.offer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An offer as the store holds it: its state, its decision history (oldest first) and its log. */
public record OfferRecord(OfferState state, List<HistoryEntry> history, List<KeptItem> log) {

    public OfferRecord {
        history = List.copyOf(history);
        log = List.copyOf(log);
    }

    /** The log's items, in the order they were recorded. */
    public List<LogItem> items() {
        return log.stream().map(KeptItem::item).toList();
    }

    public Optional<KeptItem> kept(String key) {
        return log.stream().filter(k -> k.item().key().equals(key)).findFirst();
    }

    /** The windows as they were fixed when they opened, by the revision that opened them: a re-fold keeps them. */
    public Map<Integer, Window> fixedWindows() {
        Map<Integer, Window> windows = new HashMap<>();
        history.stream().map(HistoryEntry::window).filter(w -> w != null)
                .forEach(w -> windows.putIfAbsent(w.revision(), w.asOpened()));
        if (state.window() != null) {
            windows.putIfAbsent(state.window().revision(), state.window().asOpened());
        }
        return windows;
    }
}
