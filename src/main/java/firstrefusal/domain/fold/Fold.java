package firstrefusal.domain.fold;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An offer's outcome: the fold of its log in event-time order (src/docs/contract.md, "Time a contract can defend"). The
 * one place that says what an offer's messages and notices, and time passing between them, decide: {@code decide}, the
 * clock, the page and the what-if all fold with it. Pure: it reads no clock and writes nothing.
 *
 * <p>Items go in {@link firstrefusal.domain.offer.EventOrder}; before each, whatever time decided first (an expiry, a
 * lapse, a release by the agreement) is applied. Each kept item is judged under the deployment in force when it was
 * recorded, so a later deployment never judges it again. An item that the fold before it makes invalid is refused when
 * it is new ({@link Verdict.Refused}); once kept, it is never refused after the fact, only listed as {@link WithoutEffect}.
 */
public final class Fold {

    /** The cause of a decision that time made, with no message. */
    public static final String TIME = "time";

    /**
     * How a window without a recorded notice counts: on the record its deadline is provisional (nothing lapses it); in a
     * replay (the what-if) a window with no notice on record at all counts as noticed when it opened.
     */
    public enum Mode { RECORD, REPLAY }

    /** What the fold made of one item. */
    public sealed interface Verdict {

        /** Accepted; the decision it made, if it made one (a notice in time makes none). */
        record Applied(Optional<Step> step) implements Verdict {
        }

        /** A holder answer after the window lapsed: kept, without effect; its sender gets the lapse back. */
        record Late(Decision lapse) implements Verdict {
        }

        /** A withdrawal of an offer an earlier withdrawal already withdrew: answered as a duplicate. */
        record Repeat(Decision withdrawn) implements Verdict {
        }

        /** Not valid where it stands in event time. */
        record Refused(InvalidMessageException reason) implements Verdict {
        }
    }

    /**
     * One decision of the fold.
     *
     * @param terms  the revision it rests on (for a match, the revision that opened the window)
     * @param cause  the key of the item that caused it, or {@value #TIME}
     * @param window the window in force after it (closed once decided), null if none ever opened
     */
    public record Step(Decision decision, CapacityOffer terms, String cause, Window window) {

        boolean sameAs(Step other) {
            return cause.equals(other.cause) && decision.sameOutcomeAs(other.decision);
        }
    }

    /** A kept message that changed nothing where it stands in event time, and why. */
    public record WithoutEffect(Delivery delivery, String reason) {
    }

    /**
     * The fold's result: every decision in event order, where the offer ends, the kept messages without effect, and the
     * verdict on the item on trial, if one was.
     */
    public record Folded(List<Step> steps, CapacityOffer offer, Decision decision, Window window,
            List<WithoutEffect> withoutEffect, Verdict trial, Instant firstReceivedAt) {

        public Optional<Step> last() {
            return steps.isEmpty() ? Optional.empty() : Optional.of(steps.getLast());
        }
    }

    private final Deployments deployments;
    private final Mode mode;
    private final TimeEvents time;

    public Fold(Deployments deployments, Mode mode) {
        this.deployments = deployments;
        this.mode = mode;
        this.time = new TimeEvents(deployments);
    }

    /** Under one agreement, deployed before anything was recorded. */
    public Fold(Agreement agreement, Mode mode) {
        this(Deployments.only(agreement), mode);
    }

    public Deployments deployments() {
        return deployments;
    }

    /** Folds items without recording instants (each judged under the first deployment; the trial under this one's). */
    public Folded run(Collection<LogItem> log, Map<Integer, Window> fixed, Optional<Instant> clockAt, LogItem trial) {
        return run(log.stream().map(i -> KeptItem.judging(i, null)).toList(), fixed, clockAt,
                trial == null ? null : KeptItem.judging(trial, null));
    }

    /**
     * Folds {@code log} (any order) and, when {@code trial} is given, judges it where it stands, under the deployment this
     * process runs under.
     *
     * @param fixed   windows as they were fixed when they opened, by the revision that opened them: a re-fold keeps them
     * @param clockAt the latest clock tick that decided something for this offer: time is applied up to it, as it was
     */
    public Folded run(List<KeptItem> log, Map<Integer, Window> fixed, Optional<Instant> clockAt, KeptItem trial) {
        return run(log, fixed, trial, clockAt.map(now -> event -> event.dueByClock(now)), noticesIn(log));
    }

    /** Folds {@code log} and {@code trial} in event order ({@link Judge}); then time up to the end when {@code timeAtEnd} says so. */
    private Folded run(List<KeptItem> log, Map<Integer, Window> fixed, KeptItem trial,
            Optional<Predicate<TimeEvents.TimeEvent>> timeAtEnd, Set<Integer> noticedOnRecord) {
        List<KeptItem> items = new ArrayList<>(log);
        if (trial != null) {
            items.add(trial);
        }
        items.sort(Comparator.comparing(k -> k.item().order()));
        Map<Integer, List<TimeEvents.Retro>> retro = RetroReleases.of(this, log, fixed);
        return new Judge(deployments, time, fixed, items, trial, retro, noticedOnRecord, mode).fold(timeAtEnd);
    }

    /** What was recorded before {@code deployed}, under the deployments before it, time up to it: {@link RetroReleases}. */
    Folded beforeDeployment(Instant deployed, List<KeptItem> recorded, Map<Integer, Window> fixed, Set<Integer> noticedOnRecord) {
        Fold then = new Fold(deployments.before(deployed).orElseThrow(), mode);
        return then.run(recorded, fixed, null, Optional.of(event -> event.dueBy(deployed)), noticedOnRecord);
    }

    static Set<Integer> noticesIn(List<KeptItem> log) {
        return log.stream().map(KeptItem::item).filter(Notice.class::isInstance).map(n -> ((Notice) n).revision())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** An offer's record folded as it stands: its log, with its windows as fixed and time up to its last clock tick. */
    public Folded of(OfferRecord record) {
        return run(record.log(), record.fixedWindows(), record.state().clockAt(), null);
    }

    /** The record with a clock tick at {@code now}: what time has decided by then (lapses after the clock's grace). */
    public Folded onClock(OfferRecord record, Instant now) {
        return run(record.log(), record.fixedWindows(), Optional.of(now), null);
    }

    /**
     * The record replayed up to {@code asOf} under this fold's agreements (the what-if): the items that took effect by then,
     * each under its deployment as this fold has it, every window judged again, then a clock tick at {@code asOf}; the
     * notices on record count, and a window counts as noticed when it opened only when no notice of it is on record at all.
     */
    public Folded replay(OfferRecord record, Instant asOf) {
        List<KeptItem> log = record.log().stream().filter(k -> !k.item().effectiveAt().isAfter(asOf)).toList();
        return run(log, Map.of(), null, Optional.of(event -> event.dueByClock(asOf)), noticesIn(record.log()));
    }

    /**
     * What a clock tick at {@code now} decides for an offer standing as recorded: an expiry, a lapse, a release, or nothing
     * yet. Empty too when only its whole record can tell ({@link #needsRecord}).
     */
    public Optional<Step> onClock(CapacityOffer offer, Decision decision, Window window, Instant now) {
        return onClock(offer, decision, window, now, false);
    }

    /**
     * The same, with the replay's reading of a window that has no notice on record at all when {@code countsNoticed}:
     * noticed when it opened (the what-if reads the record so, on both of its sides).
     */
    public Optional<Step> onClock(CapacityOffer offer, Decision decision, Window window, Instant now, boolean countsNoticed) {
        return next(offer, decision, window, countsNoticed).filter(event -> event.dueByClock(now)).map(event -> event.step(offer));
    }

    /** Whether what time does to this window depends on more than the offer's state: a release deployed after it opened. */
    public boolean needsRecord(Window window) {
        return time.needsRecord(window);
    }

    /**
     * What time will decide next for an offer standing as recorded, and when (its {@code decidedAt}): the earliest of its
     * expiry, its lapse and a release by the agreement; empty when it is not pending, or nothing but an answer or a notice
     * can end it (a window whose notice is not recorded does not lapse).
     */
    public Optional<Step> nextByTime(CapacityOffer offer, Decision decision, Window window) {
        return next(offer, decision, window, false).map(event -> event.step(offer));
    }

    private Optional<TimeEvents.TimeEvent> next(CapacityOffer offer, Decision decision, Window window, boolean countsNoticed) {
        return needsRecord(window) ? Optional.empty() : time.next(offer, decision, window, List.of(), countsNoticed);
    }

    /**
     * An offer as its record knows it to have stood at {@code t}, in event time: the messages and notices that took effect
     * by then, and time up to {@code t} (an expiry, a lapse or a release at its own instant, without the clock's grace).
     * Null {@link Folded#decision()} when the offer's first revision had not taken effect by then.
     */
    public Folded at(OfferRecord record, Instant t) {
        List<KeptItem> log = record.log().stream().filter(k -> !k.item().effectiveAt().isAfter(t)).toList();
        return run(log, record.fixedWindows(), null, Optional.of(event -> event.dueBy(t)), noticesIn(record.log()));
    }
}
