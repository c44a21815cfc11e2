package firstrefusal.adapters.out.dynamodb;

import java.time.Instant;

/**
 * The sort key of the decision indexes: {@code decidedAt}, then {@code offerId}, then {@code sequence}, written as one
 * string that sorts as they do. Decisions of one instant thus keep one newest-first order, and one offer's PENDING never
 * lists before its MATCH of the same instant. Milliseconds are offset so every four-digit year sorts as a number would.
 */
final class DecisionOrder {

    /** Milliseconds from 0000-01-01T00:00:00Z to the epoch: added, so every allowed instant is a positive number. */
    private static final long OFFSET_MS = -Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    /** After every character an offer id may hold: closes a range at the end of its last millisecond. */
    private static final String AFTER_ANY_ID = "~";

    private DecisionOrder() {
    }

    static String of(Instant decidedAt, String offerId, long sequence) {
        return millis(decidedAt) + "#" + offerId + "#" + String.format("%010d", sequence);
    }

    /** The first key at or after {@code from}. */
    static String from(Instant from) {
        return millis(from);
    }

    /** The last key at or before {@code to}. */
    static String to(Instant to) {
        return millis(to) + "#" + AFTER_ANY_ID;
    }

    private static String millis(Instant instant) {
        return String.format("%015d", instant.toEpochMilli() + OFFSET_MS);
    }
}
