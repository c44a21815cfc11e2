package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.HistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * One page of recorded decisions, newest first, each with the terms it was made on; {@code next} is where
 * the following page starts, in the store's own terms (callers pass it back unread), empty on the last page.
 * {@code reads}: the store requests the page took. {@code readsSpent}: the page stopped at the store's reads per page before it was full (filters that the index does
 * not cover, matching rarely), so it may be short, even empty, and older matches may still follow at {@code next}.
 */
public record DecisionPage(List<HistoryEntry> entries, Optional<String> next, int reads, boolean readsSpent) {

    public DecisionPage {
        entries = List.copyOf(entries);
    }
}
