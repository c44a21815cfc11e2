package firstrefusal.reference;

import java.time.Instant;
import java.util.Objects;

/** A decision the fold made, before it is numbered into history ({@code deadline} only while pending). */
record Decision(String status, String rule, Instant decidedAt, Instant deadline, int revision, String policyVersion) {

    /**
     * The outcome a correction is due for (SPEC §11 "Corrections", widened by the contract's reading): status, rule,
     * deadline, the revision it rests on and the instant it takes effect.
     */
    boolean sameOutcome(Decision o) {
        return status.equals(o.status) && rule.equals(o.rule) && Objects.equals(deadline, o.deadline)
                && revision == o.revision && decidedAt.equals(o.decidedAt);
    }
}
