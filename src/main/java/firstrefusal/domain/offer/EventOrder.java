package firstrefusal.domain.offer;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where something stands in an offer's event time: its instant, then at equal instants the offer's first revision,
 * notices, holder answers, withdrawals, later revisions, and last what time decides (expiry, lapse, releases); then the
 * item's key, so the order is total and the same in every run.
 */
public record EventOrder(Instant at, Rank rank, String key) implements Comparable<EventOrder> {

    public enum Rank { FIRST_REVISION, NOTICE, ANSWER, WITHDRAWAL, REVISION, EXPIRY, LAPSE, RELEASE }

    private static final Comparator<EventOrder> ORDER = Comparator.comparing(EventOrder::at)
            .thenComparing(EventOrder::rank).thenComparing(EventOrder::key);

    @Override
    public int compareTo(EventOrder other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(EventOrder other) {
        return compareTo(other) < 0;
    }
}
