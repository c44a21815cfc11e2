package firstrefusal.page;

import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /agreement}: the base and each amendment with the instant it took effect and what it changes, every version's
 * terms in words (the base's too), the version in force, how many decisions each version made, the deployments on record
 * and each commitment's progress. Counts and progress come from the
 * agreement's ledger, kept from the table's stream: one read per version and per commitment, however long the history.
 */
record AgreementView(String inForce, List<VersionRow> versions, List<CommitmentRow> commitments, List<DeploymentRow> deployments) {

    /**
     * A deployment on record: the terms a function first started under at {@code deployedAt}.
     *
     * @param deployedAt null for terms that stand for a record kept before deployments were
     * @param versions   the versions of its agreement, oldest first
     * @param current    the one this function runs under
     * @param first      the first on record: whatever was recorded before it was judged under it too
     */
    record DeploymentRow(String id, Instant deployedAt, List<String> versions, boolean current, boolean first) {
    }

    /**
     * @param changes the terms it changes, as the contract writes them (for the JSON)
     * @param said    the same in words, one sentence a term, its commitments included (for the page)
     * @param terms   every term of the version in force from then, in words: the base's too
     */
    record VersionRow(String version, Instant effectiveFrom, Map<String, String> changes, List<String> said, List<String> terms,
            long decisions, boolean inForce) {
    }

    /**
     * @param percent    a percentage: 0.49 means 0.49 %
     * @param recounting not yet counted from the whole record (a deployment added or changed it): the figure may be short
     */
    record CommitmentRow(String version, String provider, String providerName, BigDecimal amountUsd, Instant from, Instant to,
            BigDecimal contractedUsd, BigDecimal percent, boolean recounting) {

        /** The bar's length on a track of 100, at least a sliver once anything counts, at most the track. */
        public String barWidth() {
            BigDecimal shown = percent.min(BigDecimal.valueOf(100));
            return contractedUsd.signum() > 0 && shown.compareTo(new BigDecimal("0.5")) < 0 ? "0.5" : shown.toPlainString();
        }
    }

    static AgreementView of(Deployments deployments, AgreementLedger ledger, Instant now) {
        Agreement agreement = deployments.current();
        String inForce = agreement.versionAt(now).name();
        List<VersionRow> versions = agreement.versions().stream()
                .map(v -> new VersionRow(v.name(), v.effectiveFrom().orElse(null), v.amendment().map(Amendment::described).orElse(Map.of()),
                        v.amendment().map(a -> AmendmentWords.said(a, agreement.latest())).orElse(List.of()),
                        AgreementTerms.of(v.policy()), ledger.decisions(v.name()),
                        v.name().equals(inForce)))
                .toList();
        List<CommitmentRow> commitments = agreement.commitments().stream().map(c -> row(agreement, ledger, c)).toList();
        List<DeploymentRow> deployed = deployments.onRecord().stream()
                .map(d -> new DeploymentRow(d.id(), d.deployedAt().equals(Deployment.BEFORE_RECORDS) ? null : d.deployedAt(),
                        d.agreement().versions().stream().map(Agreement.Version::name).toList(),
                        d.id().equals(deployments.currentDeployment().id()), d == deployments.onRecord().getFirst()))
                .toList();
        return new AgreementView(inForce, versions, commitments, deployed);
    }

    private static CommitmentRow row(Agreement agreement, AgreementLedger ledger, Commitment c) {
        AgreementLedger.Progress progress = ledger.progress(c);
        BigDecimal contracted = progress.contractedUsd();
        String name = agreement.latest().provider(c.provider()).map(Provider::name).orElse(c.provider());
        return new CommitmentRow(c.version(), c.provider(), name, c.amountUsd(), c.from(), c.to().orElse(null), contracted,
                c.percent(contracted), progress.recounting());
    }
}
