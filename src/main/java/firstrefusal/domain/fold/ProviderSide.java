package firstrefusal.domain.fold;

import firstrefusal.domain.fold.Judge.Moved;
import firstrefusal.domain.fold.Judge.Under;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.NewOfferRules;
import firstrefusal.domain.offer.PendingOfferRules;
import firstrefusal.domain.offer.Rule.Trait;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of the provider's messages (src/docs/contract.md, "A new offer", "Revisions" and "While pending"): an
 * offer's first revision is decided as a new offer; a later one re-opens first refusal, leaves the decision standing, or
 * is decided as a new offer; a withdrawal withdraws a pending or approved offer. Each takes where the offer stands and
 * returns where it stands next; a window a revision opens is as it was fixed when it first opened.
 */
final class ProviderSide {

    private final Map<Integer, Window> fixed;
    private final Instant firstRevisionAt;

    /**
     * @param fixed           windows as they were fixed when they first opened, by the revision that opened them
     * @param firstRevisionAt when the first revision takes effect, if the log holds it
     */
    ProviderSide(Map<Integer, Window> fixed, Instant firstRevisionAt) {
        this.fixed = fixed;
        this.firstRevisionAt = firstRevisionAt;
    }

    Moved offered(Standing s, CapacityOffer o, Instant t, Under under) {
        Policy policy = under.policy();
        if (policy.provider(o.provider()).isEmpty()) {
            throw new InvalidMessageException("provider", "'" + o.provider() + "' is not a provider of the policy "
                    + policy.providers().keySet().stream().sorted().toList());
        }
        if (!s.hasOffer()) {
            if (o.revision() != 1) {
                throw new InvalidMessageException("revision", "offer " + o.offerId() + " is not on record"
                        + (firstRevisionAt == null ? "" : " before " + firstRevisionAt)
                        + ", so its first revision must be 1; revisions may not skip numbers, was " + o.revision());
            }
            return decideAsNew(s.received(o), o, t, under);
        }
        // Counted from the latest revision received: after a match the offer stands on the revision it bound.
        int latest = s.latestRevision();
        if (o.revision() != latest + 1) {
            throw new InvalidMessageException("revision", "offer " + o.offerId() + " is at revision " + latest
                    + " at " + t + ", so the next revision must be " + (latest + 1) + ", was " + o.revision());
        }
        if (!o.provider().equals(s.offer().provider())) {
            throw new InvalidMessageException("provider", "offer " + o.offerId() + " comes from '" + s.offer().provider()
                    + "'; a revision cannot change the provider, was '" + o.provider() + "'");
        }
        if (s.decision().status() == Status.MATCHED_BY_HOLDER) {
            throw new InvalidMessageException("revision", "the holder matched revision " + s.decision().revision() + " of offer "
                    + o.offerId() + " at " + s.decision().decidedAt() + ", which binds both sides; offer new capacity under a new"
                    + " offerId, was revision " + o.revision() + " at " + t);
        }
        return isOpenToRevision(s) ? revised(s.received(o), o, t, under) : decideAsNew(s.received(o), o, t, under);
    }

    /** A withdrawal of a pending or approved offer; the earliest withdrawal counts, a later one is a repeat. */
    Moved withdrawn(Standing s, Withdrawal w, Instant t, Policy policy) {
        Judge.requireOffer(s, w.offerId(), t, firstRevisionAt);
        Status status = s.decision().status();
        if (status == Status.WITHDRAWN) {
            return Moved.unmoved(s, new Fold.Verdict.Repeat(s.decision()));
        }
        if (status != Status.PENDING_FIRST_REFUSAL && status != Status.APPROVED) {
            throw new InvalidMessageException("offerId", "offer " + w.offerId() + " is " + Judge.describe(s.decision())
                    + "; this withdrawal at " + t + " comes after that, and only a pending or approved offer can be withdrawn");
        }
        Decision d = PendingOfferRules.offerWithdrawn(s.offer(), s.decision(), t, policy.version());
        return Moved.decided(s, new Fold.Step(d, s.offer(), w.key(), s.window()));
    }

    /** A revision re-opens first refusal only while pending or after the holder let it go (declined, or lapsed). */
    private static boolean isOpenToRevision(Standing s) {
        Status status = s.decision().status();
        return status.isOutstanding() || status == Status.APPROVED && s.basis().rule().is(Trait.HOLDER_LET_GO);
    }

    /** Decided as a new offer: no window is in force unless this decision opens one; an earlier one's version no longer applies. */
    private Moved decideAsNew(Standing s, CapacityOffer o, Instant t, Under under) {
        NewOfferRules.Offered offered = offered(o, t, under);
        NewOfferRules.NewOfferRule row = NewOfferRules.firstApplying(offered);
        Window window = row.status().isOutstanding() ? open(s, o, t, under) : null;
        return Moved.decided(s, new Fold.Step(row.decide(offered, window == null ? null : window.deadline()), o, o.key(), window));
    }

    private Moved revised(Standing s, CapacityOffer o, Instant t, Under under) {
        Window seen = s.window();
        if (!PendingOfferRules.isMaterial(seen, o)) {
            // Judged by the window's thresholds: named by the window's version, as every decision inside it is.
            return Moved.decided(s, new Fold.Step(PendingOfferRules.nonMaterialRevision(o, seen, s.decision(), t,
                    seen.policyVersion()), o, o.key(), seen));
        }
        NewOfferRules.Offered offered = offered(o, t, under);
        Optional<NewOfferRules.NewOfferRule> ended = NewOfferRules.endingFirstRefusal(offered);
        if (ended.isPresent()) {
            // Better terms, but the agreement no longer gives the holder first refusal on them.
            return Moved.decided(s, new Fold.Step(ended.get().decide(offered, null), o, o.key(), seen));
        }
        Window opened = open(s, o, t, under);
        return Moved.decided(s, new Fold.Step(PendingOfferRules.materialChange(o, seen, opened), o, o.key(), opened));
    }

    /**
     * The window revision {@code o} opens at {@code at}: as it was fixed when it first opened, if it did; noticed already if
     * its notice came early. It keeps when the message that opened it was recorded: which deployment judged it.
     */
    private static NewOfferRules.Offered offered(CapacityOffer o, Instant t, Under under) {
        return new NewOfferRules.Offered(o, t, under.policy(), under.agreement().agiDeclaredAt());
    }

    private Window open(Standing s, CapacityOffer o, Instant at, Under under) {
        Window w = Optional.ofNullable(fixed.get(o.revision())).filter(f -> f.openedAt().equals(at))
                .orElseGet(() -> Window.open(o.terms(), at, under.policy(), under.recordedAt())).asOpened();
        if (under.recordedAt() != null) {
            w = w.judgedAt(under.recordedAt());
        }
        return s.earlyNotices().containsKey(o.revision()) ? w.noticed(at) : w;
    }
}
