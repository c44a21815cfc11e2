package firstrefusal.domain.offer;

import java.time.Instant;

/**
 * An item of an offer's log as the record keeps it: the message or notice, what {@code decide} answered its first
 * delivery (a redelivery gets that back), when it was recorded, and the history entry it is kept with, if it caused one.
 *
 * @param entry the sequence of the history entry it caused, or 0 when it is kept as an item of its own (a late
 *              answer, a message without effect, a notice)
 */
public record KeptItem(LogItem item, Decision answer, Instant recordedAt, long entry) {

    /** An item the fold is to judge: not yet answered, recorded (if it is kept) at {@code recordedAt}. */
    public static KeptItem judging(LogItem item, Instant recordedAt) {
        return new KeptItem(item, null, recordedAt, 0);
    }

    public boolean keptWithEntry() {
        return entry > 0;
    }
}
