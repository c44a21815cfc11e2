package firstrefusal.bench;

import java.time.Instant;

/** Offer messages on the wire (src/docs/contract.md, "Messages in") with the fields a benchmark varies; the other kinds come from Events. */
public final class Messages {

    private Messages() {
    }

    /** A TRAINING offer from Oracle: pending first refusal when new. */
    public static String offer(String offerId, int revision, String price, Instant receivedAt) {
        return """
                {"kind": "offer", "offerId": "%s", "revision": %d, "provider": "oracle", "gpus": 64000, "megawatts": 200,
                 "region": "us-tx-abilene", "workload": "TRAINING", "startDate": "2025-06-01", "termMonths": 48,
                 "pricePerGpuHourUsd": %s, "receivedAt": "%s"}""".formatted(offerId, revision, price, receivedAt);
    }

    public static String offer(String offerId, Instant receivedAt) {
        return offer(offerId, 1, "2.10", receivedAt);
    }
}
