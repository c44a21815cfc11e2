package firstrefusal.domain.ledger;

import firstrefusal.domain.policy.Commitment;
import java.math.BigDecimal;

/**
 * Where the agreement's running figures are kept, apart from the offers (src/docs/contract.md, "Commitments"): how many
 * history entries each version decided, and what each offer contributes to each commitment. Both are kept from the
 * table's stream, idempotently, so a redelivered entry changes nothing; reading them never grows with history.
 */
public interface AgreementLedger {

    /** Counts the entry under its version, once: a second call for the same offer and sequence changes nothing. */
    void count(String version, String offerId, long sequence);

    /**
     * Sets what the offer contributes to the commitment, as of the entry at {@code sequence}: an entry older than the
     * one already counted changes nothing, so the offer's latest decision is what counts.
     */
    void contribute(Commitment commitment, String offerId, long sequence, BigDecimal contractedUsd);

    /** History entries recorded under the version. */
    long decisions(String version);

    /** The sum of what every offer contributes to the commitment. */
    BigDecimal contractedUsd(Commitment commitment);
}
