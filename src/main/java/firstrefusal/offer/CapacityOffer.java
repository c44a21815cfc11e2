package firstrefusal.offer;

import static firstrefusal.offer.Fields.check;
import static firstrefusal.offer.Fields.present;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A provider's capacity offer, {@code "kind": "offer"} (src/docs/contract.md, "Messages in"). Ranges are checked on construction. */
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
        Instant receivedAt) implements OfferMessage {

    public CapacityOffer {
        Fields.id("offerId", offerId);
        check(revision >= 1, "revision", "must be at least 1, was " + revision);
        Fields.id("provider", provider);
        check(gpus > 0, "gpus", "must be greater than 0, was " + gpus);
        check(megawatts == null || megawatts.signum() > 0, "megawatts", "must be greater than 0 when given, was " + megawatts);
        if (megawatts != null) {
            Fields.decimal("megawatts", megawatts);
        }
        Fields.text("region", region);
        present("workload", workload);
        present("startDate", startDate);
        check(termMonths >= 1 && termMonths <= 240, "termMonths", "must be 1 to 240, was " + termMonths);
        present("pricePerGpuHourUsd", pricePerGpuHourUsd);
        check(pricePerGpuHourUsd.signum() > 0, "pricePerGpuHourUsd", "must be greater than 0, was " + pricePerGpuHourUsd);
        Fields.decimal("pricePerGpuHourUsd", pricePerGpuHourUsd);
        present("receivedAt", receivedAt);
    }

    @Override
    public Instant at() {
        return receivedAt;
    }

    @Override
    public String key() {
        return "offer:" + revision;
    }

    /** The terms first refusal is judged on: what the holder is asked to match. */
    public Terms terms() {
        return new Terms(gpus, pricePerGpuHourUsd);
    }

    /**
     * Equal content, the test for a redelivered message: every field, numbers by value (2.1 equals 2.10).
     * A record's equals would treat 2.1 and 2.10 as different.
     */
    public boolean sameContentAs(CapacityOffer other) {
        return fingerprint().equals(other.fingerprint());
    }

    /** A canonical text of every field; stored with the decision so a later copy can be compared. */
    public String fingerprint() {
        return String.join("|", offerId, Integer.toString(revision), provider, Long.toString(gpus),
                megawatts == null ? "" : megawatts.stripTrailingZeros().toPlainString(), region, workload.name(),
                startDate.toString(), Integer.toString(termMonths), pricePerGpuHourUsd.stripTrailingZeros().toPlainString(),
                validUntil == null ? "" : validUntil.toString(), receivedAt.toString());
    }
}
