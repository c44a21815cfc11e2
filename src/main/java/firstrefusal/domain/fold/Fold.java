package firstrefusal.domain.fold;


import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.EventOrder;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An offer's outcome: the fold of its log in event-time order (src/docs/contract.md, "Time a contract can defend"). The
 * one place that says what an offer's messages and notices, and time passing between them, decide: {@code decide}, the
 * clock, the page and the what-if all fold with it. Pure: it reads no clock and writes nothing.
 *
 * <p>Items go in {@link EventOrder}; before each, whatever time decided first (an expiry, a lapse, a release by the
 * agreement) is applied. An item that the fold before it makes invalid is refused when it is new ({@link Verdict.Refused});
 * once kept, it is never refused after the fact, only listed as {@link WithoutEffect}.
 */
public final class Fold {

    /** The cause of a decision that time made, with no message. */
    public static final String TIME = "time";

    /**
     * How a window without a recorded notice counts: on the record its deadline is provisional (nothing lapses it); in a
     * replay (the what-if) it counts as noticed when it opened.
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

        /** A withdrawal of an offer an earlier withdrawal already withdrew: kept, without effect; answered as a duplicate. */
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
     * The fold's result: every decision in event order, where the offer ends, the windows it opened (as fixed when they
     * opened), the kept messages without effect, and the verdict on the item on trial, if one was.
     */
    public record Folded(List<Step> steps, CapacityOffer offer, Decision decision, Window window,
            Map<Integer, Window> windows, List<WithoutEffect> withoutEffect, Verdict trial, Instant firstReceivedAt) {

        public Optional<Step> last() {
            return steps.isEmpty() ? Optional.empty() : Optional.of(steps.getLast());
        }
    }

    private final Agreement agreement;
    private final TimeEvents time;

    public Fold(Agreement agreement, Mode mode) {
        this.agreement = agreement;
        this.time = new TimeEvents(agreement.releases(), mode);
    }

    /**
     * Folds {@code log} (any order) and, when {@code trial} is given, judges it where it stands.
     *
     * @param fixed   windows as they were fixed when they opened, by the revision that opened them: a re-fold keeps them
     * @param clockAt the latest clock tick that decided something for this offer: time is applied up to it, as it was
     */
    public Folded run(Collection<LogItem> log, Map<Integer, Window> fixed, Optional<Instant> clockAt, LogItem trial) {
        List<LogItem> items = new ArrayList<>(log);
        if (trial != null) {
            items.add(trial);
        }
        items.sort(Comparator.comparing(LogItem::order));
        FoldRun run = new FoldRun(agreement, time, fixed, items);
        Verdict verdict = null;
        for (LogItem item : items) {
            run.advance(event -> event.order().isBefore(item.order()));
            Verdict v = run.apply(item);
            if (item == trial) {
                verdict = v;
            }
            if (item instanceof Delivery d && item != trial && v instanceof Verdict.Refused refused) {
                run.withoutEffect.add(new WithoutEffect(d, refused.reason().getMessage()));
            }
            if (item instanceof Delivery d && v instanceof Verdict.Late late) {
                run.withoutEffect.add(new WithoutEffect(d, "late: first refusal lapsed at " + late.lapse().decidedAt()));
            }
            if (item instanceof Delivery d && v instanceof Verdict.Repeat repeat) {
                run.withoutEffect.add(new WithoutEffect(d, "a repeat: the offer was withdrawn at " + repeat.withdrawn().decidedAt()));
            }
        }
        clockAt.ifPresent(now -> run.advance(event -> event.dueByClock(now)));
        return new Folded(List.copyOf(run.steps), run.offer, run.decision, run.window, Map.copyOf(run.opened),
                List.copyOf(run.withoutEffect), verdict, run.firstReceivedAt);
    }

    /** An offer's record folded as it stands: its log, with its windows as fixed and time up to its last clock tick. */
    public Folded of(OfferRecord record) {
        return run(record.items(), record.fixedWindows(), record.state().clockAt(), null);
    }

    /** What a clock tick at {@code now} decides for an offer standing as recorded: an expiry, a lapse, a release, or nothing yet. */
    public Optional<Step> onClock(CapacityOffer offer, Decision decision, Window window, Instant now) {
        return time.next(offer, decision, window).filter(event -> event.dueByClock(now))
                .map(event -> new Step(event.decision(offer, window), offer, TIME, window));
    }

    /**
     * What time will decide next for an offer standing as recorded, and when (its {@code decidedAt}): the earliest of its
     * expiry, its lapse and a release by the agreement; empty when it is not pending, or nothing but an answer or a notice
     * can end it (a window whose notice is not recorded does not lapse).
     */
    public Optional<Step> nextByTime(CapacityOffer offer, Decision decision, Window window) {
        return time.next(offer, decision, window).map(event -> new Step(event.decision(offer, window), offer, TIME, window));
    }

    /** Where an offer standing as recorded is in event time at {@code t}: what time has decided for it by then, if anything. */
    public Optional<Step> asOf(CapacityOffer offer, Decision decision, Window window, Instant t) {
        return nextByTime(offer, decision, window).filter(step -> !step.decision().decidedAt().isAfter(t));
    }

    /**
     * An offer as its record knows it to have stood at {@code t}, in event time: the messages and notices that took effect
     * by then, and time up to {@code t} (an expiry, a lapse or a release at its own instant, without the clock's grace).
     * Null {@link Folded#decision()} when the offer's first revision had not taken effect by then.
     */
    public Folded at(OfferRecord record, Instant t) {
        List<LogItem> log = record.items().stream().filter(i -> !i.effectiveAt().isAfter(t)).toList();
        Folded folded = run(log, record.fixedWindows(), Optional.empty(), null);
        if (folded.decision() == null) {
            return folded;
        }
        return asOf(folded.offer(), folded.decision(), folded.window(), t).map(step -> {
            List<Step> steps = new ArrayList<>(folded.steps());
            steps.add(step);
            return new Folded(List.copyOf(steps), step.terms(), step.decision(), step.window(), folded.windows(),
                    folded.withoutEffect(), null, folded.firstReceivedAt());
        }).orElse(folded);
    }

}
