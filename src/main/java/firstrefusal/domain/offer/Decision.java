package firstrefusal.domain.offer;

import java.time.Instant;

/**
 * A decision on an offer (src/docs/contract.md, "Decisions"): what was decided, on which rule, why, and as of which event
 * time. {@code duplicate} marks a redelivered message answered from storage; {@code late} a holder answer that came
 * after the window lapsed. Once recorded, {@code recordedAt} says when the product wrote it (beside {@code decidedAt},
 * when it takes effect) and {@code corrects} the sequence of the entry a correction follows; both null before.
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
        boolean late,
        Instant recordedAt,
        Long corrects) {

    /** A decision as the rules make it, not yet recorded. */
    public Decision(String offerId, int revision, String provider, Status status, Rule rule, String reason,
            Instant firstRefusalDeadline, boolean atRisk, Instant decidedAt, String policyVersion, boolean duplicate, boolean late) {
        this(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt, policyVersion,
                duplicate, late, null, null);
    }

    /** A fresh decision on an offer; {@code atRisk} follows from its validity and deadline. */
    public static Decision of(CapacityOffer offer, Status status, Rule rule, String reason, Instant deadline, Instant decidedAt,
            String policyVersion) {
        boolean atRisk = status.isOutstanding() && offer.validUntil() != null && offer.validUntil().isBefore(deadline);
        return new Decision(offer.offerId(), offer.revision(), offer.provider(), status, rule, reason, deadline, atRisk,
                decidedAt, policyVersion, false, false);
    }

    /**
     * The same outcome: status, rule, the deadline while pending, the revision it rests on and the instant it takes
     * effect. A fold that gives another outcome than the record is corrected; one that only words the reason differently,
     * or moves the deadline of a window already decided (a late notice folded in after a withdrawal), is not.
     */
    public boolean sameOutcomeAs(Decision other) {
        return other != null && status == other.status && rule == other.rule && revision == other.revision
                && (!status.isOutstanding() || java.util.Objects.equals(firstRefusalDeadline, other.firstRefusalDeadline))
                && decidedAt.equals(other.decidedAt);
    }

    /** The same decision, named as made under {@code version}. */
    public Decision underVersion(String version) {
        return new Decision(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt,
                version, duplicate, late, recordedAt, corrects);
    }

    public Decision asDuplicate() {
        return new Decision(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt,
                policyVersion, true, late, recordedAt, corrects);
    }

    public Decision asLate() {
        return new Decision(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt,
                policyVersion, duplicate, true, recordedAt, corrects);
    }

    /** As recorded at {@code at}; a correction names the entry it follows. */
    public Decision recorded(Instant at, Long correctsSequence) {
        return new Decision(offerId, revision, provider, status, rule, reason, firstRefusalDeadline, atRisk, decidedAt,
                policyVersion, duplicate, late, at, correctsSequence);
    }
}
