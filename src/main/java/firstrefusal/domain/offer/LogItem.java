package firstrefusal.domain.offer;

import java.time.Instant;

/**
 * What an offer's log holds: every message accepted for it ({@link Delivery}) and every notice sent to the holder
 * ({@link Notice}). The offer's outcome is the fold (firstrefusal.domain.fold.Fold) of its log in event-time order, whatever order the items
 * were processed in.
 */
public sealed interface LogItem permits Delivery, Notice {

    String offerId();

    /** Identifies the item: a redelivery carries the same key. */
    String key();

    /** Where the item stands in time: its place in the fold. */
    Instant effectiveAt();

    /** Its place among items of the same instant. */
    EventOrder.Rank rank();

    default EventOrder order() {
        return new EventOrder(effectiveAt(), rank(), key());
    }
}
