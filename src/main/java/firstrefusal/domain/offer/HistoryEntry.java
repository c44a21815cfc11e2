package firstrefusal.domain.offer;

/**
 * One recorded decision in an offer's history, never rewritten.
 *
 * @param sequence 1, 2, 3... in the order recorded
 * @param offer    the revision the decision rests on: the terms every notice of it carries
 * @param cause    the key of the log item that caused it ({@link LogItem#key()}), or {@code "time"} for an expiry,
 *                 lapse or release that time decided
 * @param window   the window in force when it was recorded (kept with the entry, as it was fixed when it opened), or
 *                 null if first refusal never opened
 */
public record HistoryEntry(long sequence, Decision decision, CapacityOffer offer, String cause, Window window) implements Recorded {

    @Override
    public String offerId() {
        return decision.offerId();
    }


    /** A correction: a decision a message folded into its place in event time changed. */
    public boolean isCorrection() {
        return decision.corrects() != null;
    }
}
