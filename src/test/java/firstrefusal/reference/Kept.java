package firstrefusal.reference;

import java.time.Instant;
import java.util.Comparator;

/**
 * A kept message and where it stands (SPEC §11 "Event-time order, always"): its effective instant, then its rank at
 * one instant (the first revision, notices, holder answers, withdrawals, later revisions; time comes after them all),
 * then its key, so the order is total. {@code deployment} is the deployment it was recorded under, which judges it.
 */
record Kept(Input message, Instant recordedAt, int deployment, Instant effective, int rank, String key) {
    static final int FIRST = 0, NOTICE = 1, ANSWER = 2, WITHDRAWAL = 3, REVISION = 4;
    static final Comparator<Kept> ORDER =
            Comparator.comparing(Kept::effective).thenComparingInt(Kept::rank).thenComparing(Kept::key);
}
