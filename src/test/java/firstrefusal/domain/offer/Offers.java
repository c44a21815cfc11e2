package firstrefusal.domain.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Test messages, starting from The contract's examples; each {@code with...} changes one field. */
public final class Offers {

    public static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");
    /** RECEIVED plus the default 14-day window. */
    public static final Instant DEADLINE = Instant.parse("2025-02-04T15:00:00Z");

    private Offers() {
    }

    /** The contract's example offer, without validUntil so only the rule under test decides. */
    public static Builder offer(String offerId) {
        return new Builder(offerId);
    }

    public static HolderResponse match(String offerId, Instant at) {
        return new HolderResponse("r-" + offerId + "-" + at.toEpochMilli(), offerId, "azure", Answer.MATCH, at);
    }

    public static HolderResponse decline(String offerId, Instant at) {
        return new HolderResponse("r-" + offerId + "-" + at.toEpochMilli(), offerId, "azure", Answer.DECLINE, at);
    }

    public static Withdrawal withdrawal(String offerId, Instant at) {
        return new Withdrawal(offerId, at);
    }

    public static final class Builder {
        private final String offerId;
        private int revision = 1;
        private String provider = "oracle";
        private long gpus = 64_000;
        private BigDecimal megawatts = BigDecimal.valueOf(200);
        private String region = "us-tx-abilene";
        private Workload workload = Workload.TRAINING;
        private LocalDate startDate = LocalDate.parse("2025-06-01");
        private int termMonths = 48;
        private BigDecimal price = new BigDecimal("2.10");
        private Instant validUntil;
        private Instant receivedAt = RECEIVED;
        private String customer;

        private Builder(String offerId) {
            this.offerId = offerId;
        }

        public Builder revision(int value) { revision = value; return this; }
        public Builder provider(String value) { provider = value; return this; }
        public Builder gpus(long value) { gpus = value; return this; }
        public Builder workload(Workload value) { workload = value; return this; }
        public Builder startDate(String value) { startDate = LocalDate.parse(value); return this; }
        public Builder price(String value) { price = new BigDecimal(value); return this; }
        public Builder validUntil(Instant value) { validUntil = value; return this; }
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        public Builder region(String value) { region = value; return this; }
        public Builder customer(String value) { customer = value; return this; }
        /** Megawatts as written ({@code "200.50"}), or null for an offer that gives none. */
        public Builder megawatts(String value) { megawatts = value == null ? null : new BigDecimal(value); return this; }

        public CapacityOffer build() {
            return new CapacityOffer(offerId, revision, provider, gpus, megawatts, region, workload, startDate, termMonths,
                    price, validUntil, receivedAt, customer);
        }
    }
}
