package firstrefusal.offer;

import static firstrefusal.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.offer.Rule.HOLDER_DECLINED;

import firstrefusal.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one message against what is recorded for its offer (src/docs/contract.md, "Decisions"). Pure: it reads no clock and
 * writes nothing, so a replay of the same messages gives the same decisions. Malformed or conflicting
 * messages raise {@link InvalidMessageException}, naming the field.
 */
public final class OfferDecider {

    private final Policy policy;
    private final PendingOfferRules pending;

    public OfferDecider(Policy policy) {
        this.policy = policy;
        this.pending = new PendingOfferRules(policy);
    }

    public Outcome decide(OfferMessage message, Optional<OfferRecord> recorded) {
        return switch (message) {
            case CapacityOffer offer -> recorded.map(r -> revise(r, offer)).orElseGet(() -> firstRevision(offer));
            case HolderResponse response -> answer(recorded.orElseThrow(() -> unknownOffer(response.offerId())), response);
            case Withdrawal withdrawal -> withdraw(recorded.orElseThrow(() -> unknownOffer(withdrawal.offerId())), withdrawal);
        };
    }

    /** What a clock tick at {@code now} does to a pending offer: an expiry, a lapse, or nothing yet. */
    public Optional<Outcome.Changed> onClock(OfferState state, Instant now) {
        return pending.decidedByClock(state, now).map(decision -> {
            Changes changes = new Changes(state, Optional.empty());
            changes.record(state.offer(), decision, state.seenByHolder(), null);
            return (Outcome.Changed) changes.outcome(decision);
        });
    }

    private Outcome firstRevision(CapacityOffer offer) {
        requireKnownProvider(offer);
        if (offer.revision() != 1) {
            throw new InvalidMessageException("revision", "offer " + offer.offerId()
                    + " is not on record, so its first revision must be 1; revisions may not skip numbers, was " + offer.revision());
        }
        Changes changes = new Changes(null, Optional.empty());
        return changes.outcome(changes.recordNew(offer));
    }

    private Outcome revise(OfferRecord recorded, CapacityOffer offer) {
        requireKnownProvider(offer);
        Optional<HistoryEntry> earlier = recorded.entryCausedBy(offer.key());
        if (earlier.isPresent()) {
            if (offer.fingerprint().equals(earlier.get().fingerprint())) {
                return new Outcome.Unchanged(earlier.get().decision().asDuplicate());
            }
            throw new InvalidMessageException("revision", "offer " + offer.offerId() + " revision " + offer.revision()
                    + " was already received with different content; send changes as revision "
                    + (recorded.state().offer().revision() + 1));
        }
        CapacityOffer current = recorded.state().offer();
        if (offer.revision() != current.revision() + 1) {
            throw new InvalidMessageException("revision", "offer " + offer.offerId() + " is at revision " + current.revision()
                    + ", so the next revision must be " + (current.revision() + 1) + ", was " + offer.revision());
        }
        if (!offer.provider().equals(current.provider())) {
            throw new InvalidMessageException("provider", "offer " + offer.offerId() + " comes from '" + current.provider()
                    + "'; a revision cannot change the provider, was '" + offer.provider() + "'");
        }
        Changes changes = new Changes(recorded.state(), recorded.basis());
        changes.timePassesUntil(offer.receivedAt());
        if (changes.isOpenToRevision()) {
            Decision decision = pending.revised(changes.state, offer);
            boolean reopened = decision.rule() == Rule.MATERIAL_CHANGE;
            changes.record(offer, decision, reopened ? offer.terms() : changes.state.seenByHolder(), offer);
            return changes.outcome(decision);
        }
        return changes.outcome(changes.recordNew(offer));
    }

    private Outcome answer(OfferRecord recorded, HolderResponse response) {
        if (!policy.isHolder(response.responder())) {
            throw new InvalidMessageException("responder", "only the holder '" + policy.holder()
                    + "' has first refusal, was '" + response.responder() + "'");
        }
        Optional<HistoryEntry> earlier = recorded.entryCausedBy(response.key());
        if (earlier.isPresent()) {
            return new Outcome.Unchanged(earlier.get().decision().asDuplicate());
        }
        Changes changes = new Changes(recorded.state(), recorded.basis());
        changes.timePassesUntil(response.respondedAt());
        if (changes.state.isOutstanding()) {
            Decision decision = switch (response.answer()) {
                case MATCH -> pending.holderMatched(changes.state, response);
                case DECLINE -> pending.holderDeclined(changes.state, response);
            };
            changes.record(changes.state.offer(), decision, changes.state.seenByHolder(), response);
            return changes.outcome(decision);
        }
        if (changes.state.status() == Status.APPROVED && changes.basisRule() == FIRST_REFUSAL_LAPSED) {
            // Too late: the lapse stands, whether a clock tick recorded it already or this answer revealed it. A lapse
            // it revealed keeps the answer, so a replay under a longer window sees the answer it would have taken.
            changes.keepWithLastEntry(response);
            return changes.outcome(changes.basis.orElseThrow().asLate());
        }
        throw new InvalidMessageException("offerId", "offer " + response.offerId() + " is " + describe(changes.state)
                + "; a holder answer applies only while first refusal is pending or after it lapsed");
    }

    private Outcome withdraw(OfferRecord recorded, Withdrawal withdrawal) {
        Optional<HistoryEntry> earlier = recorded.entryCausedBy(withdrawal.key());
        if (earlier.isPresent()) {
            return new Outcome.Unchanged(earlier.get().decision().asDuplicate());
        }
        Changes changes = new Changes(recorded.state(), recorded.basis());
        changes.timePassesUntil(withdrawal.withdrawnAt());
        Status status = changes.state.status();
        if (status != Status.PENDING_FIRST_REFUSAL && status != Status.APPROVED) {
            throw new InvalidMessageException("offerId", "offer " + withdrawal.offerId() + " is " + describe(changes.state)
                    + "; only a pending or approved offer can be withdrawn");
        }
        Decision decision = pending.offerWithdrawn(changes.state, withdrawal);
        changes.record(changes.state.offer(), decision, changes.state.seenByHolder(), withdrawal);
        return changes.outcome(decision);
    }

    private void requireKnownProvider(CapacityOffer offer) {
        if (policy.provider(offer.provider()).isEmpty()) {
            throw new InvalidMessageException("provider", "'" + offer.provider() + "' is not a provider of the policy "
                    + policy.providers().keySet().stream().sorted().toList());
        }
    }

    private static InvalidMessageException unknownOffer(String offerId) {
        return new InvalidMessageException("offerId", "no offer '" + offerId + "' is on record");
    }

    private static String describe(OfferState state) {
        return state.status() + " (" + state.decision().rule() + ")";
    }

    /** The decisions one message leads to, applied in event-time order on top of the recorded state. */
    private final class Changes {

        private final long baseVersion;
        private final List<HistoryEntry> appended = new ArrayList<>();
        private OfferState state;
        private Optional<Decision> basis;

        Changes(OfferState recorded, Optional<Decision> basis) {
            this.state = recorded;
            this.baseVersion = recorded == null ? 0 : recorded.version();
            this.basis = basis;
        }

        /** Records an expiry or lapse that happened, in event time, before instant {@code t}. */
        void timePassesUntil(Instant t) {
            pending.decidedByTimeBefore(state, t)
                    .ifPresent(d -> record(state.offer(), d, state.seenByHolder(), null));
        }

        /** A revision re-opens first refusal only while pending or after the holder let it go. */
        boolean isOpenToRevision() {
            Rule rule = basisRule();
            return state.isOutstanding()
                    || state.status() == Status.APPROVED && (rule == HOLDER_DECLINED || rule == FIRST_REFUSAL_LAPSED);
        }

        Rule basisRule() {
            return basis.map(Decision::rule).orElse(null);
        }

        Decision recordNew(CapacityOffer offer) {
            NewOfferRules.NewOfferRule row = NewOfferRules.firstApplying(offer, policy);
            Instant deadline = row.status().isOutstanding() ? policy.firstRefusalDeadline(offer.receivedAt()) : null;
            Decision decision = Decision.of(offer, row.status(), row.rule(), row.reason().apply(offer, policy), deadline,
                    offer.receivedAt(), policy.version());
            Terms seen = row.status().isOutstanding() ? offer.terms() : state == null ? null : state.seenByHolder();
            record(offer, decision, seen, offer);
            return decision;
        }

        /** Appends a decision; {@code cause} is the message that led to it, or null when time did. */
        void record(CapacityOffer offer, Decision decision, Terms seen, OfferMessage cause) {
            long sequence = baseVersion + appended.size() + 1;
            Instant firstReceived = state == null ? offer.receivedAt() : state.firstReceivedAt();
            // A recorded change starts the new state with no reminders sent: they are per revision and deadline.
            state = new OfferState(offer, decision, seen, dueAt(offer, decision), sequence, Set.of(), firstReceived);
            appended.add(new HistoryEntry(sequence, decision, offer, cause == null ? HistoryEntry.TIME : cause.key(),
                    cause instanceof CapacityOffer o ? o.fingerprint() : null, cause));
            if (decision.rule() != Rule.NON_MATERIAL_REVISION) {
                basis = Optional.of(decision);
            }
        }

        /** The message that led to the last entry time decided (if this change appended one), kept with it. */
        void keepWithLastEntry(OfferMessage message) {
            if (!appended.isEmpty()) {
                HistoryEntry last = appended.removeLast();
                appended.add(new HistoryEntry(last.sequence(), last.decision(), last.offer(), last.cause(), last.fingerprint(), message));
            }
        }

        Outcome outcome(Decision answer) {
            return appended.isEmpty() ? new Outcome.Unchanged(answer) : new Outcome.Changed(baseVersion, state, appended, answer);
        }
    }

    /** When the clock must next look at a pending offer: its expiry if that comes first, else the deadline plus grace. */
    private Instant dueAt(CapacityOffer offer, Decision decision) {
        if (!decision.status().isOutstanding()) {
            return null;
        }
        Instant deadline = decision.firstRefusalDeadline();
        if (offer.validUntil() != null && !offer.validUntil().isAfter(deadline)) {
            return offer.validUntil();
        }
        return deadline.plus(policy.clockGrace());
    }
}
