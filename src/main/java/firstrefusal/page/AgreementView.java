package firstrefusal.page;

import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /agreement}: the base and each amendment with the instant it took effect and what it changes, the version in
 * force, how many decisions each version made, and each commitment's progress. Counts and progress come from the
 * agreement's ledger, kept from the table's stream: one read per version and per commitment, however long the history.
 */
record AgreementView(String inForce, List<VersionRow> versions, List<CommitmentRow> commitments) {

    /**
     * @param changes the terms it changes, as the contract writes them (for the JSON)
     * @param said    the same in words, one sentence a term, its commitments included (for the page)
     */
    record VersionRow(String version, Instant effectiveFrom, Map<String, String> changes, List<String> said, long decisions,
            boolean inForce) {
    }

    /** @param percent a percentage: 0.49 means 0.49 % */
    record CommitmentRow(String version, String provider, String providerName, BigDecimal amountUsd, Instant from, Instant to,
            BigDecimal contractedUsd, BigDecimal percent) {

        /** The bar's length on a track of 100, at least a sliver once anything counts, at most the track. */
        public String barWidth() {
            BigDecimal shown = percent.min(BigDecimal.valueOf(100));
            return contractedUsd.signum() > 0 && shown.compareTo(new BigDecimal("0.5")) < 0 ? "0.5" : shown.toPlainString();
        }
    }

    static AgreementView of(Agreement agreement, AgreementLedger ledger, Instant now) {
        String inForce = agreement.versionAt(now).name();
        List<VersionRow> versions = agreement.versions().stream()
                .map(v -> new VersionRow(v.name(), v.effectiveFrom().orElse(null), v.amendment().map(Amendment::described).orElse(Map.of()),
                        v.amendment().map(a -> AmendmentWords.said(a, agreement.latest())).orElse(List.of()), ledger.decisions(v.name()),
                        v.name().equals(inForce)))
                .toList();
        List<CommitmentRow> commitments = agreement.commitments().stream().map(c -> row(agreement, ledger, c)).toList();
        return new AgreementView(inForce, versions, commitments);
    }

    private static CommitmentRow row(Agreement agreement, AgreementLedger ledger, Commitment c) {
        BigDecimal contracted = ledger.contractedUsd(c);
        String name = agreement.latest().provider(c.provider()).map(Provider::name).orElse(c.provider());
        return new CommitmentRow(c.version(), c.provider(), name, c.amountUsd(), c.from(), c.to().orElse(null), contracted,
                c.percent(contracted));
    }
}
