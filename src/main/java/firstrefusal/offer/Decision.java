package firstrefusal.offer;

import java.time.Instant;

/**
 * A decision on an offer (src/docs/contract.md, "Decisions"): what was decided, on which rule, why, and as of which event time.
 * {@code duplicate} marks a redelivered message answered from storage; {@code late} a holder answer
 * that came after the window lapsed.
 */
public record Decision(
        String offerId,
        int revision,
        String provider,
        Status status,
        Rule rule,
        String reason,
        Instant firstRefusalDeadline,
        boolean atRisk,
        Instant decidedAt,
        String policyVersion,
        boolean duplicate,
        boolean late) {

    /** A fresh decision on an offer; {@code atRisk} follows from its validity and deadline. */
    static Decision of(CapacityOffer offer, Status status, Rule rule, String reason, Instant deadline, Instant decidedAt,
            String policyVersion) {
        boolean atRisk = status.isOutstanding() && offer.validUntil() != null && offer.validUntil().isBefore(deadline);
        return new Decision(offer.offerId(), offer.revision(), offer.provider(), status, rule, reason, deadline, atRisk,
                decidedAt, policyVersion, false, false);
    }

    public Decision asDuplicate() {
        return new Decision(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt,
                policyVersion, true, late);
    }

    public Decision asLate() {
        return new Decision(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt,
                policyVersion, duplicate, true);
    }
}
