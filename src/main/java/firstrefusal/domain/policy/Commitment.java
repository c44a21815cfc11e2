package firstrefusal.domain.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Capacity the buyer committed to buy from a provider (src/docs/contract.md, "Commitments"), from {@code from} and,
 * if given, before {@code to}. What counts towards it is {@link #contractedUsd}.
 *
 * @param version the version of the agreement that made the commitment
 */
public record Commitment(String version, String provider, BigDecimal amountUsd, Instant from, Optional<Instant> to) {

    /** Hours a month is taken to have when a price per GPU-hour becomes a contract's value: 365 × 24 / 12. */
    public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

    void validate(Policy policy, String term) {
        if (provider == null || policy.provider(provider).isEmpty()) {
            throw new InvalidPolicyException(term + ".provider", "'" + provider + "' is not one of the providers "
                    + policy.providers().keySet().stream().sorted().toList());
        }
        if (amountUsd == null || amountUsd.signum() <= 0) {
            throw new InvalidPolicyException(term + ".amount-usd", "must be above 0, was " + amountUsd);
        }
        if (from == null) {
            throw new InvalidPolicyException(term + ".from", "must be an instant such as 2025-10-28T00:00:00Z");
        }
        if (to != null && to.map(t -> !t.isAfter(from)).orElse(false)) {
            throw new InvalidPolicyException(term + ".to", "must be after from (" + from + "), was " + to.get());
        }
    }

    /**
     * What an offer's current decision contributes: when it takes effect in the commitment's span and sends the capacity
     * to this provider (the provider's own offer approved; for the holder, also an offer it matched), GPUs × price per
     * GPU-hour × 730 × months, of the terms that decision rests on; zero otherwise.
     *
     * @param holder      the agreement's holder
     * @param status      the decision's status, by name ({@code APPROVED}, {@code MATCHED_BY_HOLDER}, ...)
     */
    public BigDecimal contractedUsd(String holder, String offerProvider, String status, Instant decidedAt, long gpus,
            BigDecimal pricePerGpuHourUsd, int termMonths) {
        boolean inSpan = !decidedAt.isBefore(from) && to.map(decidedAt::isBefore).orElse(true);
        boolean toProvider = "APPROVED".equals(status) && offerProvider.equals(provider)
                || "MATCHED_BY_HOLDER".equals(status) && provider.equals(holder);
        if (!inSpan || !toProvider) {
            return BigDecimal.ZERO;
        }
        return pricePerGpuHourUsd.multiply(BigDecimal.valueOf(gpus)).multiply(HOURS_PER_MONTH).multiply(BigDecimal.valueOf(termMonths));
    }

    /** Progress as a percentage of the amount, two decimals: 0.49 means 0.49 %. */
    public BigDecimal percent(BigDecimal contractedUsd) {
        return contractedUsd.multiply(BigDecimal.valueOf(100)).divide(amountUsd, 2, java.math.RoundingMode.HALF_EVEN);
    }
}
