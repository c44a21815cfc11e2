package firstrefusal.offer;

import static firstrefusal.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.offer.Rule.HOLDER_DECLINED;
import static firstrefusal.offer.Rule.HOLDER_MATCHED;
import static firstrefusal.offer.Rule.MATERIAL_CHANGE;
import static firstrefusal.offer.Rule.NON_MATERIAL_REVISION;
import static firstrefusal.offer.Rule.OFFER_EXPIRED;
import static firstrefusal.offer.Rule.OFFER_WITHDRAWN;

import firstrefusal.policy.Policy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What happens to an offer once first refusal is open (src/docs/contract.md, "Decisions"): the first event in event time decides.
 * One method per rule; each returns the decision it makes.
 */
final class PendingOfferRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Policy policy;

    PendingOfferRules(Policy policy) {
        this.policy = policy;
    }

    /** Holder {@code MATCH} at or before the deadline: the holder takes the capacity. */
    Decision holderMatched(OfferState pending, HolderResponse response) {
        return decide(pending, Status.MATCHED_BY_HOLDER, HOLDER_MATCHED, response.respondedAt(),
                "The holder matched the offer at " + response.respondedAt() + ", within its window");
    }

    /** Holder {@code DECLINE} at or before the deadline: the buyer may go to the third party. */
    Decision holderDeclined(OfferState pending, HolderResponse response) {
        return decide(pending, Status.APPROVED, HOLDER_DECLINED, response.respondedAt(),
                "The holder declined at " + response.respondedAt() + ": the offer may be taken");
    }

    /** The offer's {@code validUntil} passed before anything else decided it. */
    Decision offerExpired(OfferState pending) {
        return decide(pending, Status.EXPIRED, OFFER_EXPIRED, pending.offer().validUntil(),
                "The offer expired at " + pending.offer().validUntil() + " before first refusal was settled");
    }

    /** The deadline passed without an answer: approved, as of the deadline. */
    Decision firstRefusalLapsed(OfferState pending) {
        Instant deadline = pending.decision().firstRefusalDeadline();
        return decide(pending, Status.APPROVED, FIRST_REFUSAL_LAPSED, deadline,
                "The holder did not answer by " + deadline + ": first refusal lapsed and the offer may be taken");
    }

    /** The provider withdrew a pending or approved offer. */
    Decision offerWithdrawn(OfferState state, Withdrawal withdrawal) {
        return decide(state, Status.WITHDRAWN, OFFER_WITHDRAWN, withdrawal.withdrawnAt(),
                "The provider withdrew the offer at " + withdrawal.withdrawnAt());
    }

    /**
     * Event-time order: the expiry or lapse that came before instant {@code t}, if any. A lapse needs the
     * deadline to be strictly before {@code t}, since an answer dated exactly at the deadline is in time.
     */
    Optional<Decision> decidedByTimeBefore(OfferState state, Instant t) {
        return expiredOrLapsed(state, t, deadline -> deadline.isBefore(t));
    }

    /**
     * What a clock tick at {@code now} decides: an expiry once {@code validUntil} has passed, a lapse only
     * once the deadline is older than the clock grace, so an answer still queued at the deadline is not lost.
     */
    Optional<Decision> decidedByClock(OfferState state, Instant now) {
        return expiredOrLapsed(state, now, deadline -> !deadline.plus(policy.clockGrace()).isAfter(now));
    }

    /** An expiry at or before both {@code t} and the deadline wins; otherwise a lapse, when the deadline counts as passed. */
    private Optional<Decision> expiredOrLapsed(OfferState state, Instant t, Predicate<Instant> deadlinePassed) {
        if (!state.isOutstanding()) {
            return Optional.empty();
        }
        Instant deadline = state.decision().firstRefusalDeadline();
        Instant validUntil = state.offer().validUntil();
        if (validUntil != null && !validUntil.isAfter(t) && !validUntil.isAfter(deadline)) {
            return Optional.of(offerExpired(state));
        }
        return deadlinePassed.test(deadline) ? Optional.of(firstRefusalLapsed(state)) : Optional.empty();
    }

    /**
     * A revision of a pending offer, or of one the holder released (declined or lapsed): materially better
     * terms than the holder last saw re-open first refusal with a fresh window; anything else leaves the
     * decision standing.
     */
    Decision revised(OfferState state, CapacityOffer revision) {
        Terms seen = state.seenByHolder();
        BigDecimal priceDrop = percent(seen.pricePerGpuHourUsd().subtract(revision.pricePerGpuHourUsd()), seen.pricePerGpuHourUsd());
        BigDecimal gpuIncrease = percent(BigDecimal.valueOf(revision.gpus() - seen.gpus()), BigDecimal.valueOf(seen.gpus()));
        String change = "price " + signed(priceDrop.negate()) + "%, GPUs " + signed(gpuIncrease) + "% against the terms the holder saw";
        // Compared exactly, without the rounding of the percentages shown in the reason.
        boolean material = atLeastPercent(seen.pricePerGpuHourUsd().subtract(revision.pricePerGpuHourUsd()),
                policy.priceDropPercent(), seen.pricePerGpuHourUsd())
                || atLeastPercent(BigDecimal.valueOf(revision.gpus() - seen.gpus()), policy.capacityIncreasePercent(),
                        BigDecimal.valueOf(seen.gpus()));
        if (material) {
            Instant deadline = policy.firstRefusalDeadline(revision.receivedAt());
            return Decision.of(revision, Status.PENDING_FIRST_REFUSAL, MATERIAL_CHANGE,
                    "Revision " + revision.revision() + " changes the terms materially (" + change
                            + "): the holder has first refusal again until " + deadline,
                    deadline, revision.receivedAt(), policy.version());
        }
        Decision standing = state.decision();
        return Decision.of(revision, standing.status(), NON_MATERIAL_REVISION,
                "Revision " + revision.revision() + " is not a material change (" + change + "): "
                        + standing.status() + " stands",
                standing.firstRefusalDeadline(), revision.receivedAt(), policy.version());
    }

    private Decision decide(OfferState state, Status status, Rule rule, Instant at, String reason) {
        return Decision.of(state.offer(), status, rule, reason, state.decision().firstRefusalDeadline(), at, policy.version());
    }

    /** part / whole >= percent / 100, without division. */
    private static boolean atLeastPercent(BigDecimal part, BigDecimal percent, BigDecimal whole) {
        return part.multiply(HUNDRED).compareTo(percent.multiply(whole)) >= 0;
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_EVEN);
    }

    private static String signed(BigDecimal value) {
        return (value.signum() >= 0 ? "+" : "") + value.stripTrailingZeros().toPlainString();
    }
}
