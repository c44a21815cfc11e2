package firstrefusal.domain.fold;

import static firstrefusal.domain.offer.EventOrder.Rank;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One fold of an offer's items, step by step. Each step takes where the offer stands and returns where it stands next,
 * with the verdict on its item ({@link Moved}): the time between two items ({@link TimeEvents}), an offer's own messages
 * ({@link ProviderSide}), the holder's side ({@link HolderSide}). None changes anything: the fold is the steps, one after
 * the other. An item is judged under the deployment in force when it was recorded (the item on trial under this
 * process's own); an item that is invalid where it stands is refused, and the offer stands as it stood.
 */
final class Judge {

    /** Where the offer stands after a step, and what the step made of its item. */
    record Moved(Standing next, Fold.Verdict verdict) {

        /** A step that decided: the offer stands on what the decision rests on. */
        static Moved decided(Standing before, Fold.Step step) {
            return new Moved(before.after(step), new Fold.Verdict.Applied(Optional.of(step)));
        }

        /** An item accepted that decides nothing of itself (a notice in time), or time that decided nothing yet. */
        static Moved applied(Standing next) {
            return new Moved(next, new Fold.Verdict.Applied(Optional.empty()));
        }

        /** An item that changes nothing, for what {@code verdict} says. */
        static Moved unmoved(Standing s, Fold.Verdict verdict) {
            return new Moved(s, verdict);
        }

        /** The decision the step made, if it made one. */
        Optional<Fold.Step> step() {
            return verdict instanceof Fold.Verdict.Applied applied ? applied.step() : Optional.empty();
        }
    }

    /** The agreement an item is judged under, the version in force at its instant, and when it was recorded. */
    record Under(Agreement agreement, Policy policy, Instant recordedAt) {
    }

    private final Deployments deployments;
    private final TimeEvents time;
    private final List<KeptItem> items;
    private final KeptItem trial;
    private final Map<Integer, List<TimeEvents.Retro>> retro;
    private final Set<Integer> noticedOnRecord;
    private final Fold.Mode mode;
    private final ProviderSide provider;
    private final HolderSide holder;

    /**
     * @param fixed           windows as they were fixed when they first opened, by the revision that opened them
     * @param items           every item of the fold, in event order
     * @param trial           the item on trial, judged under this process's deployment; null if none
     * @param retro           the releases of each window that the fold of what was recorded before their deployment decides
     * @param noticedOnRecord the windows a notice on record tells of
     */
    Judge(Deployments deployments, TimeEvents time, Map<Integer, Window> fixed, List<KeptItem> items, KeptItem trial,
            Map<Integer, List<TimeEvents.Retro>> retro, Set<Integer> noticedOnRecord, Fold.Mode mode) {
        this.deployments = deployments;
        this.time = time;
        this.items = items;
        this.trial = trial;
        this.retro = retro;
        this.noticedOnRecord = noticedOnRecord;
        this.mode = mode;
        // When the offer's first revision takes effect, if the log holds it: for a clearer refusal of what comes before.
        Instant firstRevisionAt = items.stream().map(KeptItem::item).filter(i -> i.order().rank() == Rank.FIRST_REVISION)
                .map(LogItem::effectiveAt).findFirst().orElse(null);
        this.provider = new ProviderSide(fixed, firstRevisionAt);
        this.holder = new HolderSide(firstRevisionAt);
    }

    /** The fold: from nothing, each item after whatever time decided before it; then time up to the end when {@code timeAtEnd} says so. */
    Fold.Folded fold(Optional<Predicate<TimeEvents.TimeEvent>> timeAtEnd) {
        List<Fold.Step> steps = new ArrayList<>();
        List<Fold.WithoutEffect> withoutEffect = new ArrayList<>();
        Fold.Verdict verdict = null;
        Standing standing = Standing.NOTHING;
        for (KeptItem kept : items) {
            LogItem item = kept.item();
            Moved timed = byTime(standing, event -> event.order().isBefore(item.order()));
            timed.step().ifPresent(steps::add);
            Moved moved = judge(timed.next(), kept);
            moved.step().ifPresent(steps::add);
            standing = moved.next();
            if (kept == trial) {
                verdict = moved.verdict();
            } else if (item instanceof Delivery d) {
                withoutEffect(d, moved.verdict()).ifPresent(withoutEffect::add);
            }
        }
        if (timeAtEnd.isPresent()) {
            Moved timed = byTime(standing, timeAtEnd.get());
            timed.step().ifPresent(steps::add);
            standing = timed.next();
        }
        return new Fold.Folded(List.copyOf(steps), standing.offer(), standing.decision(), standing.window(),
                List.copyOf(withoutEffect), verdict, standing.firstReceivedAt());
    }

    /**
     * The step time takes before the next item: what it decided, when {@code due} (every time event ends the window, so
     * one at most between two items), or nothing.
     */
    private Moved byTime(Standing s, Predicate<TimeEvents.TimeEvent> due) {
        if (!s.hasOffer() || s.window() == null) {
            return Moved.applied(s);
        }
        Window window = s.window();
        boolean countsNoticed = mode == Fold.Mode.REPLAY && !noticedOnRecord.contains(window.revision());
        return time.next(s.offer(), s.decision(), window, retro.getOrDefault(window.revision(), List.of()), countsNoticed)
                .filter(due).map(event -> Moved.decided(s, event.step(s.offer()))).orElse(Moved.applied(s));
    }

    /** The step of one item: where the offer stands after it, and the verdict on it. */
    private Moved judge(Standing s, KeptItem kept) {
        try {
            return switch (kept.item()) {
                case Delivery d -> deliver(s, d, kept);
                case Notice n -> holder.told(s, n);
            };
        } catch (InvalidMessageException e) {
            return Moved.unmoved(s, new Fold.Verdict.Refused(e));
        }
    }

    /** Judged under the deployment in force when it was recorded; the item on trial under this process's own. */
    private Moved deliver(Standing s, Delivery delivery, KeptItem kept) {
        Instant t = delivery.effectiveAt();
        Agreement agreement = kept == trial ? deployments.current() : deployments.judging(kept.recordedAt());
        Under under = new Under(agreement, agreement.policyAt(t), kept.recordedAt());
        return switch (delivery.message()) {
            case CapacityOffer o -> provider.offered(s, o, t, under);
            case HolderResponse r -> holder.answered(s, r, t, under.policy());
            case Withdrawal w -> provider.withdrawn(s, w, t, under.policy());
        };
    }

    private static Optional<Fold.WithoutEffect> withoutEffect(Delivery d, Fold.Verdict v) {
        return switch (v) {
            case Fold.Verdict.Refused refused -> Optional.of(new Fold.WithoutEffect(d, refused.reason().getMessage()));
            case Fold.Verdict.Late late -> Optional.of(new Fold.WithoutEffect(d, "late: first refusal lapsed at "
                    + late.lapse().decidedAt()));
            case Fold.Verdict.Repeat repeat -> Optional.of(new Fold.WithoutEffect(d, "a repeat: the offer was withdrawn at "
                    + repeat.withdrawn().decidedAt()));
            case Fold.Verdict.Applied applied -> Optional.empty();
        };
    }

    /**
     * Refuses a message about an offer whose first revision has not taken effect where it stands.
     *
     * @param firstRevisionAt when the first revision takes effect, if the log holds it
     */
    static void requireOffer(Standing s, String offerId, Instant t, Instant firstRevisionAt) {
        if (!s.hasOffer()) {
            throw new InvalidMessageException("offerId", firstRevisionAt == null ? "no offer '" + offerId + "' is on record"
                    : "offer '" + offerId + "' is on record only from " + firstRevisionAt + ", after this message at " + t);
        }
    }

    /** Where the offer stands, and since when: the instant its decision took effect, never the refused message's own. */
    static String describe(Decision decision) {
        return decision.status() + " (" + decision.rule() + ") since " + decision.decidedAt();
    }
}
