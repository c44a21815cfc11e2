package firstrefusal.offer;

/**
 * One recorded decision in an offer's history.
 *
 * @param sequence    1, 2, 3... in the order recorded
 * @param offer       the revision the decision was made on: the terms every notice of it carries
 * @param cause       the key of the message that caused it ({@link OfferMessage#key()}), or {@value #TIME}
 *                    for an expiry or lapse that time decided
 * @param fingerprint for offers, {@link CapacityOffer#fingerprint()}: a redelivery must match it exactly
 */
public record HistoryEntry(long sequence, Decision decision, CapacityOffer offer, String cause, String fingerprint) {

    public static final String TIME = "time";
}
