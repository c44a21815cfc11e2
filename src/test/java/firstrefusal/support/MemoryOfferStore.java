package firstrefusal.support;

import firstrefusal.offer.ConcurrentChangeException;
import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.OfferStore;
import firstrefusal.offer.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link OfferStore} in a map, for the reference run of the reliability tests: the same messages,
 * replayed once in event-time order through the same {@link firstrefusal.offer.OfferDecisions}, give
 * the outcome the DynamoDB run must reach. Single-threaded use; it keeps the store contract (writes
 * only over the version read) so a slip in the reference run cannot go unnoticed.
 */
public final class MemoryOfferStore implements OfferStore {

    private final Map<String, OfferRecord> records = new TreeMap<>();

    @Override
    public synchronized Optional<OfferRecord> load(String offerId) {
        return Optional.ofNullable(records.get(offerId));
    }

    @Override
    public synchronized void record(Outcome.Changed change) {
        OfferRecord current = records.get(change.next().offerId());
        long version = current == null ? 0 : current.state().version();
        if (version != change.expectedVersion()) {
            throw new ConcurrentChangeException(change.next().offerId(), null);
        }
        List<HistoryEntry> history = new ArrayList<>(current == null ? List.of() : current.history());
        history.addAll(change.appended());
        records.put(change.next().offerId(), new OfferRecord(change.next(), history));
    }

    @Override
    public synchronized List<OfferState> due(Instant now) {
        return outstanding().stream().filter(s -> !s.dueAt().isAfter(now)).toList();
    }

    @Override
    public synchronized List<OfferState> outstanding() {
        return records.values().stream().map(OfferRecord::state).filter(OfferState::isOutstanding)
                .sorted(Comparator.comparing(OfferState::dueAt)).toList();
    }

    @Override
    public synchronized List<Decision> recentDecisions(int limit) {
        return records.values().stream().flatMap(r -> r.history().stream()).map(HistoryEntry::decision)
                .sorted(Comparator.comparing(Decision::decidedAt).reversed()).limit(limit).toList();
    }

    public synchronized Map<String, OfferRecord> all() {
        return Map.copyOf(records);
    }
}
