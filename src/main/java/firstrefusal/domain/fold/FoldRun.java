package firstrefusal.domain.fold;

import static firstrefusal.domain.offer.EventOrder.Rank;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.NewOfferRules;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.PendingOfferRules;
import firstrefusal.domain.offer.Rule.Trait;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One fold in progress: where the offer stands after the items so far. Each item is applied by the rules its kind
 * answers to (src/docs/contract.md, "Decisions"), under the deployment in force when it was recorded (the item on
 * trial under this process's own); an item the fold before it makes invalid is refused here.
 */
final class FoldRun {

    private final Deployments deployments;
    private final TimeEvents time;
    private final KeptItem trial;
    private final Map<Integer, List<TimeEvents.Retro>> retro;
    private final Set<Integer> noticedOnRecord;
    private final Fold.Mode mode;
    final Map<Integer, Window> fixed;
    final Map<Integer, Window> opened = new TreeMap<>();
    final Map<Integer, CapacityOffer> revisions = new HashMap<>();
    final Map<Integer, Instant> earlyNotices = new HashMap<>();
    final List<Fold.Step> steps = new ArrayList<>();
    final List<Fold.WithoutEffect> withoutEffect = new ArrayList<>();
    /** When the offer's first revision takes effect, if the log holds it: for a clearer refusal of what comes before. */
    final Instant firstRevisionAt;
    CapacityOffer offer;
    Decision decision;
    /** The last decision that set the status: a non-material revision or a late notice only carries it forward. */
    Decision basis;
    Window window;
    Instant firstReceivedAt;

    FoldRun(Deployments deployments, TimeEvents time, Map<Integer, Window> fixed, List<KeptItem> items, KeptItem trial,
            Map<Integer, List<TimeEvents.Retro>> retro, Set<Integer> noticedOnRecord, Fold.Mode mode) {
        this.deployments = deployments;
        this.time = time;
        this.fixed = fixed;
        this.trial = trial;
        this.retro = retro;
        this.noticedOnRecord = noticedOnRecord;
        this.mode = mode;
        this.firstRevisionAt = items.stream().map(KeptItem::item).filter(i -> i.order().rank() == Rank.FIRST_REVISION)
                .map(i -> i.effectiveAt()).findFirst().orElse(null);
    }

    void advance(java.util.function.Predicate<TimeEvents.TimeEvent> due) {
        if (offer == null || window == null) {
            return;
        }
        // Every time event ends the window, so at most one applies between two items.
        boolean countsNoticed = mode == Fold.Mode.REPLAY && !noticedOnRecord.contains(window.revision());
        time.next(offer, decision, window, retro.getOrDefault(window.revision(), List.of()), countsNoticed).filter(due)
                .ifPresent(event -> record(event.decision(offer, window), offer, Fold.TIME));
    }

    Fold.Verdict apply(KeptItem kept) {
        try {
            return switch (kept.item()) {
                case Delivery d -> deliver(d, kept);
                case Notice n -> notice(n);
            };
        } catch (InvalidMessageException e) {
            return new Fold.Verdict.Refused(e);
        }
    }

    /** Judged under the deployment in force when it was recorded; the item on trial under this process's own. */
    private Fold.Verdict deliver(Delivery delivery, KeptItem kept) {
        Instant t = delivery.effectiveAt();
        Agreement agreement = kept == trial ? deployments.current() : deployments.judging(kept.recordedAt());
        Judged judged = new Judged(agreement, agreement.policyAt(t), kept.recordedAt());
        return switch (delivery.message()) {
            case CapacityOffer o -> offered(o, t, judged);
            case HolderResponse r -> answered(r, t, judged.policy());
            case Withdrawal w -> withdrawn(w, t, judged.policy());
        };
    }

    /** The agreement an item is judged under, the version in force at its instant, and when it was recorded. */
    private record Judged(Agreement agreement, Policy policy, Instant recordedAt) {

        NewOfferRules.Offered offered(CapacityOffer o, Instant t) {
            return new NewOfferRules.Offered(o, t, policy, agreement.agiDeclaredAt());
        }
    }

    private Fold.Verdict offered(CapacityOffer o, Instant t, Judged judged) {
        Policy policy = judged.policy();
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
            return decideAsNew(o, t, judged);
        }
        // Counted from the latest revision received: after a match the offer stands on the revision it bound.
        int latest = java.util.Collections.max(revisions.keySet());
        if (o.revision() != latest + 1) {
            throw new InvalidMessageException("revision", "offer " + o.offerId() + " is at revision " + latest
                    + " at " + t + ", so the next revision must be " + (latest + 1) + ", was " + o.revision());
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
        return isOpenToRevision() ? revised(o, t, judged) : decideAsNew(o, t, judged);
    }

    /** A revision re-opens first refusal only while pending or after the holder let it go (declined, or lapsed). */
    private boolean isOpenToRevision() {
        return decision.status().isOutstanding() || decision.status() == Status.APPROVED && basis.rule().is(Trait.HOLDER_LET_GO);
    }

    private Fold.Verdict decideAsNew(CapacityOffer o, Instant t, Judged judged) {
        NewOfferRules.Offered offered = judged.offered(o, t);
        NewOfferRules.NewOfferRule row = NewOfferRules.firstApplying(offered);
        Instant deadline = null;
        if (row.status().isOutstanding()) {
            window = open(o, t, judged);
            deadline = window.deadline();
        } else {
            window = null; // decided as a new offer: no window is in force, an earlier one's version no longer applies
        }
        offer = o;
        return record(row.decide(offered, deadline), o, o.key());
    }

    private Fold.Verdict revised(CapacityOffer o, Instant t, Judged judged) {
        Window seen = window;
        offer = o;
        if (!PendingOfferRules.isMaterial(seen, o)) {
            // Judged by the window's thresholds: named by the window's version, as every decision inside it is.
            return record(PendingOfferRules.nonMaterialRevision(o, seen, decision, t, seen.policyVersion()), o, o.key());
        }
        NewOfferRules.Offered offered = judged.offered(o, t);
        Optional<NewOfferRules.NewOfferRule> ended = NewOfferRules.endingFirstRefusal(offered);
        if (ended.isPresent()) {
            // Better terms, but the agreement no longer gives the holder first refusal on them.
            return record(ended.get().decide(offered, null), o, o.key());
        }
        window = open(o, t, judged);
        return record(PendingOfferRules.materialChange(o, seen, window), o, o.key());
    }

    private Fold.Verdict answered(HolderResponse r, Instant t, Policy policy) {
        if (!policy.isHolder(r.responder())) {
            throw new InvalidMessageException("responder", "only the holder '" + policy.holder()
                    + "' has first refusal, was '" + r.responder() + "'");
        }
        requireOffer(r.offerId(), t);
        if (window == null) {
            throw new InvalidMessageException("offerId", "offer " + r.offerId() + " is " + describe()
                    + " and has no first-refusal window in force");
        }
        boolean inForce = decision.status().isOutstanding() || basis.rule().is(Trait.LAPSE);
        if (inForce && r.revision() != null && r.revision() != window.revision()) {
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
        if (basis.rule().is(Trait.LAPSE)) {
            return new Fold.Verdict.Late(basis);
        }
        throw new InvalidMessageException("offerId", "offer " + r.offerId() + " is " + describe() + "; this answer at " + t
                + " comes after that, and a holder answer applies only while first refusal is pending or after it lapsed");
    }

    private Fold.Verdict withdrawn(Withdrawal w, Instant t, Policy policy) {
        requireOffer(w.offerId(), t);
        Status status = decision.status();
        if (status == Status.WITHDRAWN) {
            return new Fold.Verdict.Repeat(decision); // the earliest withdrawal counts
        }
        if (status != Status.PENDING_FIRST_REFUSAL && status != Status.APPROVED) {
            throw new InvalidMessageException("offerId", "offer " + w.offerId() + " is " + describe() + "; this withdrawal at "
                    + t + " comes after that, and only a pending or approved offer can be withdrawn");
        }
        return record(PendingOfferRules.offerWithdrawn(offer, decision, t, policy.version()), offer, w.key());
    }

    /**
     * The holder was told of window {@code revision}. A notice that comes before its window opens in event time
     * (the provider's clock ran ahead) counts from the opening.
     */
    private Fold.Verdict notice(Notice n) {
        if (offer == null) {
            // Told before the offer takes effect (a receipt dated ahead, taken as given): the notice counts from the opening.
            earlyNotices.put(n.revision(), n.sentAt());
            return new Fold.Verdict.Applied(Optional.empty());
        }
        if (window != null && window.revision() == n.revision() && window.noticedAt().isEmpty()) {
            window = window.noticed(n.sentAt().isBefore(window.openedAt()) ? window.openedAt() : n.sentAt());
            if (decision.status().isOutstanding() && window.noticedLate()) {
                return record(PendingOfferRules.noticeLate(offer, window), offer, n.key());
            }
        } else if (window == null || n.revision() > window.revision()) {
            earlyNotices.put(n.revision(), n.sentAt());
        }
        return new Fold.Verdict.Applied(Optional.empty());
    }

    /**
     * A window opens: as it was fixed when it first opened, if it did; noticed already if its notice came early. It
     * keeps when the message that opened it was recorded: which deployment judged it.
     */
    private Window open(CapacityOffer o, Instant at, Judged judged) {
        Window w = Optional.ofNullable(fixed.get(o.revision())).filter(f -> f.openedAt().equals(at))
                .orElseGet(() -> Window.open(o.terms(), at, judged.policy(), judged.recordedAt())).asOpened();
        if (judged.recordedAt() != null) {
            w = w.judgedAt(judged.recordedAt());
        }
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

    private Fold.Verdict record(Decision d, CapacityOffer terms, String cause) {
        Fold.Step step = new Fold.Step(d, terms, cause, window);
        steps.add(step);
        decision = d;
        if (!d.rule().is(Trait.CARRIES_FORWARD)) {
            basis = d;
        }
        return new Fold.Verdict.Applied(Optional.of(step));
    }

    /** Where the offer stands, and since when: the instant its decision took effect, never the refused message's own. */
    private String describe() {
        return decision.status() + " (" + decision.rule() + ") since " + decision.decidedAt();
    }
}
