package firstrefusal.domain.ledger;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Commitment;
import java.math.BigDecimal;

/**
 * Keeps the agreement's figures from each recorded history entry, as {@code notify} reads them off the table's stream:
 * the entry counted under its version, and, for each commitment it may change, the offer's contribution as of it
 * (corrections and withdrawals lower it; the highest sequence wins). Pure apart from the ledger it writes to.
 */
public final class AgreementTally {

    private final Agreement agreement;
    private final AgreementLedger ledger;

    public AgreementTally(Agreement agreement, AgreementLedger ledger) {
        this.agreement = agreement;
        this.ledger = ledger;
    }

    public void record(HistoryEntry entry) {
        Decision d = entry.decision();
        ledger.count(d.policyVersion(), d.offerId(), entry.sequence());
        for (Commitment commitment : agreement.commitments()) {
            BigDecimal value = contribution(commitment, entry);
            if (value.signum() > 0 || mayLower(commitment, entry)) {
                ledger.contribute(commitment, d.offerId(), entry.sequence(), value);
            }
        }
    }

    /** What the entry's decision contributes to the commitment, on the terms it rests on. */
    public BigDecimal contribution(Commitment commitment, HistoryEntry entry) {
        return contribution(commitment, entry.decision(), entry.offer());
    }

    /** What a decision contributes to the commitment, on the terms it rests on. */
    public BigDecimal contribution(Commitment commitment, Decision d, CapacityOffer terms) {
        return commitment.contractedUsd(agreement.base().holder(), d.provider(), d.status().name(), d.decidedAt(), terms.gpus(),
                terms.pricePerGpuHourUsd(), terms.termMonths());
    }

    /** Every commitment of the agreement this process runs under. */
    public java.util.List<Commitment> commitments() {
        return agreement.commitments();
    }

    /**
     * An entry worth nothing may still take back what the offer counted before: any entry about the provider's own
     * offers (a withdrawal), and for the holder a correction (a match corrected away).
     */
    private boolean mayLower(Commitment commitment, HistoryEntry entry) {
        return entry.decision().provider().equals(commitment.provider())
                || commitment.provider().equals(agreement.base().holder()) && entry.isCorrection();
    }
}
