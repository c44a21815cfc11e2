package firstrefusal.domain.offer;

import firstrefusal.domain.policy.Policy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A first-refusal window: the terms the holder is asked to match and the rules it runs under, fixed when it opens and
 * kept with the record, so a later re-fold never judges it under other terms.
 *
 * @param deadline       the opening plus the window's length: the deadline unless the notice came late
 * @param noticeRequired whether the window waits for its notice before it can lapse ({@code lapse-requires-notice})
 * @param noticedAt      when the holder was told, once a notice is recorded
 */
public record Window(Terms terms, Instant openedAt, Instant deadline, Duration length, Duration clockGrace,
        Duration noticeGrace, BigDecimal priceDropPercent, BigDecimal capacityIncreasePercent, String policyVersion,
        boolean noticeRequired, Optional<Instant> noticedAt) {

    /** A window opened at {@code openedAt} under {@code policy}, not yet noticed. */
    public static Window open(Terms terms, Instant openedAt, Policy policy) {
        return new Window(terms, openedAt, openedAt.plus(policy.firstRefusalWindow()), policy.firstRefusalWindow(),
                policy.clockGrace(), policy.noticeGrace(), policy.priceDropPercent(), policy.capacityIncreasePercent(),
                policy.version(), policy.lapseRequiresNotice(), Optional.empty());
    }

    public int revision() {
        return terms.revision();
    }

    /** The holder was told at {@code at}. */
    public Window noticed(Instant at) {
        return new Window(terms, openedAt, deadline, length, clockGrace, noticeGrace, priceDropPercent,
                capacityIncreasePercent, policyVersion, noticeRequired, Optional.of(at));
    }

    /** As fixed when it opened: without what the log says later. */
    public Window asOpened() {
        return noticedAt.isEmpty() ? this : new Window(terms, openedAt, deadline, length, clockGrace, noticeGrace,
                priceDropPercent, capacityIncreasePercent, policyVersion, noticeRequired, Optional.empty());
    }

    /** The holder was told more than the notice grace after the window opened: its window runs from the notice. */
    public boolean noticedLate() {
        return noticeRequired && noticedAt.map(at -> at.isAfter(openedAt.plus(noticeGrace))).orElse(false);
    }

    /** The deadline in force: from the notice when it came late. */
    public Instant currentDeadline() {
        return noticedLate() ? noticedAt.orElseThrow().plus(length) : deadline;
    }

    /** No notice recorded for a window that needs one: nothing may lapse it, and every answer is in time. */
    public boolean isProvisional() {
        return noticeRequired && noticedAt.isEmpty();
    }
}
