package firstrefusal.support;

import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * An offer's record kept in memory, for the tests and benchmarks that run the pure fold without a table (the reference
 * harnesses, the processing-order properties): what the store would hold once a change is recorded. The product only
 * ever writes a change to DynamoDB and reads the record back.
 */
public final class InMemoryRecords {

    private InMemoryRecords() {
    }

    /** What the store holds once {@code change} is recorded over {@code before} (null for a new offer). */
    public static OfferRecord after(OfferRecord before, Outcome.Changed change) {
        List<HistoryEntry> history = new ArrayList<>(before == null ? List.of() : before.history());
        history.addAll(change.appended());
        List<KeptItem> log = new ArrayList<>(before == null ? List.of() : before.log());
        change.kept().ifPresent(log::add);
        return new OfferRecord(change.next(), history, log);
    }
}
