package firstrefusal.domain.ledger;

import firstrefusal.domain.policy.Commitment;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Where the agreement's running figures are kept, apart from the offers (src/docs/contract.md, "Commitments"): how many
 * history entries each version decided, and what each offer contributes to each commitment, with each commitment's sum.
 * Both are kept from the table's stream, idempotently, so a redelivered entry changes nothing; a commitment deployed
 * after decisions it counts were recorded is recounted from the record ({@link CommitmentRecount}). Reading them never
 * grows with history: one read per version, one per commitment.
 */
public interface AgreementLedger {

    /**
     * A commitment's progress: its contracted value so far, and how far its recount from the record has come.
     *
     * @param recountFrom where the recount goes on from, once started and until it is done
     */
    record Progress(BigDecimal contractedUsd, boolean recounted, Optional<String> recountFrom) {

        public static final Progress NOT_COUNTED = new Progress(BigDecimal.ZERO, false, Optional.empty());

        /** Not yet counted from the whole record: the figure may still be short. */
        public boolean recounting() {
            return !recounted;
        }
    }

    /** Counts the entry under its version, once: a second call for the same offer and sequence changes nothing. */
    void count(String version, String offerId, long sequence);

    /**
     * Sets what the offer contributes to the commitment, as of the entry at {@code sequence}, and the commitment's sum with
     * it: an entry older than the one already counted changes nothing, so the offer's latest decision is what counts.
     */
    void contribute(Commitment commitment, String offerId, long sequence, BigDecimal contractedUsd);

    /** History entries recorded under the version. */
    long decisions(String version);

    /** Where the commitment stands: one read. */
    Progress progress(Commitment commitment);

    /** Records how far the recount came: it goes on after {@code next}, or is done when empty. */
    void recounted(Commitment commitment, Optional<String> next);
}
