package firstrefusal.offer;

import static firstrefusal.offer.EventOrder.Rank;

import firstrefusal.policy.Agreement;
import firstrefusal.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    private final Mode mode;
    private final List<Agreement.Release> releases;

    public Fold(Agreement agreement, Mode mode) {
        this.agreement = agreement;
        this.mode = mode;
        this.releases = agreement.releases();
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
        Run run = new Run(fixed, items);
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
        return nextTimeEvent(offer, decision, window).filter(event -> event.dueByClock(now))
                .map(event -> new Step(timeDecision(event, offer, window), offer, TIME, window));
    }

    /**
     * What time will decide next for an offer standing as recorded, and when (its {@code decidedAt}): the earliest of its
     * expiry, its lapse and a release by the agreement; empty when it is not pending, or nothing but an answer or a notice
     * can end it (a window whose notice is not recorded does not lapse).
     */
    public Optional<Step> nextByTime(CapacityOffer offer, Decision decision, Window window) {
        return nextTimeEvent(offer, decision, window).map(event -> new Step(timeDecision(event, offer, window), offer, TIME, window));
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

    /** Something time decides for a pending offer, at its place in event order. */
    private record TimeEvent(EventOrder order, Window window, Agreement.Release release) {

        /** Due at a clock tick: an expiry or release once its instant has come, a lapse once the clock grace has passed too. */
        boolean dueByClock(Instant now) {
            Instant due = order.rank() == Rank.LAPSE ? order.at().plus(window.clockGrace()) : order.at();
            return !due.isAfter(now);
        }
    }

    /** The first thing time decides for an offer, if it is pending: the earliest of its expiry, its lapse and a release. */
    private Optional<TimeEvent> nextTimeEvent(CapacityOffer offer, Decision decision, Window window) {
        if (window == null || !decision.status().isOutstanding()) {
            return Optional.empty();
        }
        List<TimeEvent> events = new ArrayList<>();
        if (offer.validUntil() != null) {
            Instant at = offer.validUntil().isBefore(window.openedAt()) ? window.openedAt() : offer.validUntil();
            events.add(new TimeEvent(new EventOrder(at, Rank.EXPIRY, TIME), window, null));
        }
        if (!window.isProvisional() || mode == Mode.REPLAY) {
            events.add(new TimeEvent(new EventOrder(window.currentDeadline(), Rank.LAPSE, TIME), window, null));
        }
        releases.stream().filter(r -> r.at().isAfter(window.openedAt())).findFirst()
                .ifPresent(r -> events.add(new TimeEvent(new EventOrder(r.at(), Rank.RELEASE, TIME), window, r)));
        return events.stream().min(Comparator.comparing(TimeEvent::order));
    }

    private static Decision timeDecision(TimeEvent event, CapacityOffer offer, Window window) {
        return switch (event.order().rank()) {
            case EXPIRY -> PendingOfferRules.offerExpired(offer, window, event.order().at());
            case LAPSE -> PendingOfferRules.firstRefusalLapsed(offer, window);
            default -> PendingOfferRules.released(offer, window,
                    event.release().kind() == Agreement.ReleaseKind.AGI_DECLARED ? Rule.AGI_DECLARED : Rule.RELEASED_BY_AMENDMENT,
                    event.order().at(), event.release().version());
        };
    }

    /** One fold in progress: where the offer stands after the items so far. */
    private final class Run {

        final Map<Integer, Window> fixed;
        final Map<Integer, Window> opened = new TreeMap<>();
        final Map<Integer, CapacityOffer> revisions = new HashMap<>();
        final Map<Integer, Instant> earlyNotices = new HashMap<>();
        final List<Step> steps = new ArrayList<>();
        final List<WithoutEffect> withoutEffect = new ArrayList<>();
        /** When the offer's first revision takes effect, if the log holds it: for a clearer refusal of what comes before. */
        final Instant firstRevisionAt;
        CapacityOffer offer;
        Decision decision;
        /** The last decision that set the status: a non-material revision or a late notice only carries it forward. */
        Decision basis;
        Window window;
        Instant firstReceivedAt;

        Run(Map<Integer, Window> fixed, List<LogItem> items) {
            this.fixed = fixed;
            this.firstRevisionAt = items.stream().filter(i -> i.order().rank() == Rank.FIRST_REVISION)
                    .map(LogItem::effectiveAt).findFirst().orElse(null);
        }

        void advance(java.util.function.Predicate<TimeEvent> due) {
            if (offer == null) {
                return;
            }
            // Every time event ends the window, so at most one applies between two items.
            nextTimeEvent(offer, decision, window).filter(due)
                    .ifPresent(event -> record(timeDecision(event, offer, window), offer, TIME));
        }

        Verdict apply(LogItem item) {
            try {
                return switch (item) {
                    case Delivery d -> deliver(d);
                    case Notice n -> notice(n);
                };
            } catch (InvalidMessageException e) {
                return new Verdict.Refused(e);
            }
        }

        private Verdict deliver(Delivery delivery) {
            Instant t = delivery.effectiveAt();
            Policy policy = agreement.policyAt(t);
            return switch (delivery.message()) {
                case CapacityOffer o -> offered(o, t, policy);
                case HolderResponse r -> answered(r, t, policy);
                case Withdrawal w -> withdrawn(w, t, policy);
            };
        }

        private Verdict offered(CapacityOffer o, Instant t, Policy policy) {
            if (policy.provider(o.provider()).isEmpty()) {
                throw new InvalidMessageException("provider", "'" + o.provider() + "' is not a provider of the policy "
                        + policy.providers().keySet().stream().sorted().toList());
            }
            if (offer == null) {
                if (o.revision() != 1) {
                    throw new InvalidMessageException("revision", "offer " + o.offerId() + " is not on record"
                            + (firstRevisionAt == null ? "" : " before " + firstRevisionAt)
                            + ", so its first revision must be 1; revisions may not skip numbers, was " + o.revision());
                }
                firstReceivedAt = o.receivedAt();
                revisions.put(1, o);
                return decideAsNew(o, t, policy);
            }
            if (o.revision() != offer.revision() + 1) {
                throw new InvalidMessageException("revision", "offer " + o.offerId() + " is at revision " + offer.revision()
                        + " at " + t + ", so the next revision must be " + (offer.revision() + 1) + ", was " + o.revision());
            }
            if (!o.provider().equals(offer.provider())) {
                throw new InvalidMessageException("provider", "offer " + o.offerId() + " comes from '" + offer.provider()
                        + "'; a revision cannot change the provider, was '" + o.provider() + "'");
            }
            if (decision.status() == Status.MATCHED_BY_HOLDER) {
                throw new InvalidMessageException("revision", "the holder matched revision " + decision.revision() + " of offer "
                        + o.offerId() + " at " + decision.decidedAt() + ", which binds both sides; offer new capacity under a new"
                        + " offerId, was revision " + o.revision() + " at " + t);
            }
            revisions.put(o.revision(), o);
            return isOpenToRevision() ? revised(o, t, policy) : decideAsNew(o, t, policy);
        }

        /** A revision re-opens first refusal only while pending or after the holder let it go (declined, or lapsed). */
        private boolean isOpenToRevision() {
            Rule rule = basis.rule();
            return decision.status().isOutstanding()
                    || decision.status() == Status.APPROVED && (rule == Rule.HOLDER_DECLINED || rule == Rule.FIRST_REFUSAL_LAPSED);
        }

        private Verdict decideAsNew(CapacityOffer o, Instant t, Policy policy) {
            NewOfferRules.Offered offered = new NewOfferRules.Offered(o, t, policy, agreement.agiDeclaredAt());
            NewOfferRules.NewOfferRule row = NewOfferRules.firstApplying(offered);
            Instant deadline = null;
            if (row.status().isOutstanding()) {
                window = open(o, t, policy);
                deadline = window.deadline();
            }
            offer = o;
            return record(Decision.of(o, row.status(), row.rule(), row.reason().apply(offered), deadline, t, policy.version()), o,
                    o.key());
        }

        private Verdict revised(CapacityOffer o, Instant t, Policy policy) {
            Window seen = window;
            offer = o;
            if (!PendingOfferRules.isMaterial(seen, o)) {
                return record(PendingOfferRules.nonMaterialRevision(o, seen, decision, t, policy.version()), o, o.key());
            }
            NewOfferRules.Offered offered = new NewOfferRules.Offered(o, t, policy, agreement.agiDeclaredAt());
            NewOfferRules.NewOfferRule row = NewOfferRules.firstApplying(offered);
            if (row.rule() == Rule.AGI_DECLARED || row.rule() == Rule.NO_FIRST_REFUSAL) {
                // Better terms, but the agreement no longer gives the holder first refusal on them.
                return record(Decision.of(o, row.status(), row.rule(), row.reason().apply(offered), null, t, policy.version()),
                        o, o.key());
            }
            window = open(o, t, policy);
            return record(PendingOfferRules.materialChange(o, seen, window), o, o.key());
        }

        private Verdict answered(HolderResponse r, Instant t, Policy policy) {
            if (!policy.isHolder(r.responder())) {
                throw new InvalidMessageException("responder", "only the holder '" + policy.holder()
                        + "' has first refusal, was '" + r.responder() + "'");
            }
            requireOffer(r.offerId(), t);
            if (window == null) {
                throw new InvalidMessageException("offerId", "offer " + r.offerId() + " is " + describe()
                        + " and was never pending first refusal");
            }
            if (r.revision() != null && r.revision() != window.revision()) {
                throw new InvalidMessageException("revision", "the window in force at " + t + " was opened by revision "
                        + window.revision() + " of offer " + r.offerId() + "; an answer to revision " + r.revision()
                        + " does not answer it");
            }
            if (decision.status().isOutstanding()) {
                if (r.answer() == Answer.MATCH) {
                    CapacityOffer bound = revisions.getOrDefault(window.revision(), offer);
                    offer = bound;
                    return record(PendingOfferRules.holderMatched(bound, window, t), bound, r.key());
                }
                return record(PendingOfferRules.holderDeclined(offer, window, t), offer, r.key());
            }
            if (basis.rule() == Rule.FIRST_REFUSAL_LAPSED) {
                return new Verdict.Late(basis);
            }
            throw new InvalidMessageException("offerId", "offer " + r.offerId() + " is " + describe() + " at " + t
                    + "; a holder answer applies only while first refusal is pending or after it lapsed");
        }

        private Verdict withdrawn(Withdrawal w, Instant t, Policy policy) {
            requireOffer(w.offerId(), t);
            Status status = decision.status();
            if (status == Status.WITHDRAWN) {
                return new Verdict.Repeat(decision); // the earliest withdrawal counts
            }
            if (status != Status.PENDING_FIRST_REFUSAL && status != Status.APPROVED) {
                throw new InvalidMessageException("offerId", "offer " + w.offerId() + " is " + describe() + " at " + t
                        + "; only a pending or approved offer can be withdrawn");
            }
            return record(PendingOfferRules.offerWithdrawn(offer, decision, t, policy.version()), offer, w.key());
        }

        /**
         * The holder was told of window {@code revision}. A notice that comes before its window opens in event time
         * (the provider's clock ran ahead) counts from the opening.
         */
        private Verdict notice(Notice n) {
            if (offer == null) {
                return new Verdict.Applied(Optional.empty());
            }
            if (window != null && window.revision() == n.revision() && window.noticedAt().isEmpty()) {
                window = window.noticed(n.sentAt().isBefore(window.openedAt()) ? window.openedAt() : n.sentAt());
                if (decision.status().isOutstanding() && window.noticedLate()) {
                    return record(PendingOfferRules.noticeLate(offer, window), offer, n.key());
                }
            } else if (window == null || n.revision() > window.revision()) {
                earlyNotices.put(n.revision(), n.sentAt());
            }
            return new Verdict.Applied(Optional.empty());
        }

        /** A window opens: as it was fixed when it first opened, if it did; noticed already if its notice came early. */
        private Window open(CapacityOffer o, Instant at, Policy policy) {
            Window w = Optional.ofNullable(fixed.get(o.revision())).filter(f -> f.openedAt().equals(at))
                    .orElseGet(() -> Window.open(o.terms(), at, policy)).asOpened();
            opened.put(o.revision(), w);
            Instant early = earlyNotices.remove(o.revision());
            return early == null ? w : w.noticed(at);
        }

        private void requireOffer(String offerId, Instant t) {
            if (offer == null) {
                throw new InvalidMessageException("offerId", firstRevisionAt == null ? "no offer '" + offerId + "' is on record"
                        : "offer '" + offerId + "' is on record only from " + firstRevisionAt + ", after this message at " + t);
            }
        }

        private Verdict record(Decision d, CapacityOffer terms, String cause) {
            Step step = new Step(d, terms, cause, window);
            steps.add(step);
            decision = d;
            if (d.rule() != Rule.NON_MATERIAL_REVISION && d.rule() != Rule.NOTICE_LATE) {
                basis = d;
            }
            return new Verdict.Applied(Optional.of(step));
        }

        private String describe() {
            return decision.status() + " (" + decision.rule() + ")";
        }
    }
}
