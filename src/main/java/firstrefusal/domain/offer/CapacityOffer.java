package firstrefusal.domain.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A provider's capacity offer, {@code "kind": "offer"} (src/docs/contract.md, "Messages in"). Plain data: its ranges are
 * checked when it is accepted ({@link MessageChecks}), never when it is read back from the record.
 *
 * @param customer for an API offer, the customer it would serve (an amendment may exempt some); null when not given
 */
public record CapacityOffer(
        String offerId,
        int revision,
        String provider,
        long gpus,
        BigDecimal megawatts,
        String region,
        Workload workload,
        LocalDate startDate,
        int termMonths,
        BigDecimal pricePerGpuHourUsd,
        Instant validUntil,
        Instant receivedAt,
        String customer) implements OfferMessage {

    /** An offer without a customer. */
    public CapacityOffer(String offerId, int revision, String provider, long gpus, BigDecimal megawatts, String region,
            Workload workload, LocalDate startDate, int termMonths, BigDecimal pricePerGpuHourUsd, Instant validUntil,
            Instant receivedAt) {
        this(offerId, revision, provider, gpus, megawatts, region, workload, startDate, termMonths, pricePerGpuHourUsd,
                validUntil, receivedAt, null);
    }

    @Override
    public Instant at() {
        return receivedAt;
    }

    /** The terms first refusal is judged on: what the holder is asked to match. */
    public Terms terms() {
        return new Terms(revision, gpus, pricePerGpuHourUsd);
    }

    /**
     * Equal content, the test for a redelivered message: every field, numbers by value (2.1 equals 2.10).
     * A record's equals would treat 2.1 and 2.10 as different.
     */
    public boolean sameContentAs(CapacityOffer other) {
        return fingerprint().equals(other.fingerprint());
    }

    /** A canonical text of every field, numbers by value. */
    public String fingerprint() {
        return String.join("|", offerId, Integer.toString(revision), provider, Long.toString(gpus),
                megawatts == null ? "" : megawatts.stripTrailingZeros().toPlainString(), region, String.valueOf(workload),
                String.valueOf(startDate), Integer.toString(termMonths),
                pricePerGpuHourUsd == null ? "" : pricePerGpuHourUsd.stripTrailingZeros().toPlainString(),
                validUntil == null ? "" : validUntil.toString(), String.valueOf(receivedAt), customer == null ? "" : customer);
    }
}
