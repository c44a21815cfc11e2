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
 * @param judgedAt       when the product recorded the message that opened it, so which deployment judged it; null for a
 *                       window recorded before deployments were
 */
public record Window(Terms terms, Instant openedAt, Instant deadline, Duration length, Duration clockGrace,
        Duration noticeGrace, BigDecimal priceDropPercent, BigDecimal capacityIncreasePercent, String policyVersion,
        boolean noticeRequired, Optional<Instant> noticedAt, Instant judgedAt) {

    /** A window opened at {@code openedAt} under {@code policy}, by a message recorded at {@code judgedAt}, not yet noticed. */
    public static Window open(Terms terms, Instant openedAt, Policy policy, Instant judgedAt) {
        return new Window(terms, openedAt, openedAt.plus(policy.firstRefusalWindow()), policy.firstRefusalWindow(),
                policy.clockGrace(), policy.noticeGrace(), policy.priceDropPercent(), policy.capacityIncreasePercent(),
                policy.version(), policy.lapseRequiresNotice(), Optional.empty(), judgedAt);
    }

    /** A window opened under {@code policy} by a message recorded before deployments were. */
    public static Window open(Terms terms, Instant openedAt, Policy policy) {
        return open(terms, openedAt, policy, null);
    }

    /** The same window, judged when the message that opened it was recorded at {@code at}. */
    public Window judgedAt(Instant at) {
        return new Window(terms, openedAt, deadline, length, clockGrace, noticeGrace, priceDropPercent,
                capacityIncreasePercent, policyVersion, noticeRequired, noticedAt, at);
    }

    public int revision() {
        return terms.revision();
    }

    /** The holder was told at {@code at}. */
    public Window noticed(Instant at) {
        return new Window(terms, openedAt, deadline, length, clockGrace, noticeGrace, priceDropPercent,
                capacityIncreasePercent, policyVersion, noticeRequired, Optional.of(at), judgedAt);
    }

    /** As fixed when it opened: without what the log says later. */
    public Window asOpened() {
        return noticedAt.isEmpty() ? this : new Window(terms, openedAt, deadline, length, clockGrace, noticeGrace,
                priceDropPercent, capacityIncreasePercent, policyVersion, noticeRequired, Optional.empty(), judgedAt);
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
