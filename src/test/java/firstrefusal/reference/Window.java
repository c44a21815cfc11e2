package firstrefusal.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A first-refusal window. Its deadline, length, thresholds, clock grace, notice grace, whether it needs a notice and
 * its version are fixed when it opens (SPEC §11 "Event-time order, always"; the clock grace by the contract's reading),
 * with the terms it showed the holder (the revision that opened it) and the deployment that opened it (for releases).
 * Only its notice comes later, and a late notice moves its deadline.
 */
record Window(int revision, Instant openedAt, Instant deadline, Duration length, BigDecimal priceDrop,
              BigDecimal capacityIncrease, Duration clockGrace, Duration noticeGrace, boolean needsNotice, String version,
              int gpus, BigDecimal price, int deployment, Instant noticedAt) {

    /** §11 "No lapse without notice": until its notice is recorded, the deadline is provisional and nothing lapses it. */
    boolean counting() {
        return !needsNotice || noticedAt != null;
    }

    Window noticed(Instant at, Instant newDeadline) {
        return new Window(revision, openedAt, newDeadline, length, priceDrop, capacityIncrease, clockGrace, noticeGrace,
                needsNotice, version, gpus, price, deployment, at);
    }
}
