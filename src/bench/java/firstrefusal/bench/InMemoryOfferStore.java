package firstrefusal.bench;

import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.OfferStore;
import firstrefusal.offer.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OfferStore} in a map, for one thread: the decide handler on top of it shows what the function itself
 * costs per message once storage costs nothing. Only what the throughput benchmark calls is implemented.
 */
final class InMemoryOfferStore implements OfferStore {

    private final Map<String, OfferRecord> records = new HashMap<>();

    @Override
    public Optional<OfferRecord> load(String offerId) {
        return Optional.ofNullable(records.get(offerId));
    }

    @Override
    public void record(Outcome.Changed change) {
        OfferRecord before = records.get(change.next().offerId());
        List<HistoryEntry> history = new ArrayList<>(before == null ? List.of() : before.history());
        history.addAll(change.appended());
        records.put(change.next().offerId(), new OfferRecord(change.next(), history));
    }

    @Override
    public List<OfferState> due(Instant now) {
        throw new UnsupportedOperationException("not used by the throughput benchmark");
    }

    @Override
    public List<OfferState> outstanding() {
        throw new UnsupportedOperationException("not used by the throughput benchmark");
    }

    @Override
    public List<Decision> recentDecisions(int limit) {
        throw new UnsupportedOperationException("not used by the throughput benchmark");
    }
}
