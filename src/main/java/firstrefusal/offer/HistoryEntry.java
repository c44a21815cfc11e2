package firstrefusal.offer;

/**
 * One recorded decision in an offer's history.
 *
 * @param sequence    1, 2, 3... in the order recorded
 * @param offer       the revision the decision was made on: the terms every notice of it carries
 * @param cause       the key of the message that caused it ({@link OfferMessage#key()}), or {@value #TIME}
 *                    for an expiry or lapse that time decided
 * @param fingerprint for offers, {@link CapacityOffer#fingerprint()}: a redelivery must match it exactly
 * @param message     the message that caused it, kept so the record can be replayed under a draft policy (the
 *                    what-if); for a lapse a late holder answer revealed, that answer; null when time alone
 *                    decided, and in history recorded before messages were kept
 */
public record HistoryEntry(long sequence, Decision decision, CapacityOffer offer, String cause, String fingerprint,
        OfferMessage message) {

    public static final String TIME = "time";

    /** Whether a replay can rebuild this entry: time decides again by itself, a message needs to have been kept. */
    public boolean isReplayable() {
        return message != null || TIME.equals(cause);
    }
}
