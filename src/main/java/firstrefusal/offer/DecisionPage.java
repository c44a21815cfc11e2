package firstrefusal.offer;

import java.util.List;
import java.util.Optional;

/**
 * One page of recorded decisions, newest first, each with the terms it was made on; {@code next} is where
 * the following page starts, in the store's own terms (callers pass it back unread), empty on the last page.
 */
public record DecisionPage(List<HistoryEntry> entries, Optional<String> next) {

    public DecisionPage {
        entries = List.copyOf(entries);
    }
}
