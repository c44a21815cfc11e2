package firstrefusal.domain.offer;

/**
 * What an offer's record holds that leaves the product as an event, once durable: each history entry, and each
 * reminder the clock sent (src/docs/contract.md, "Events out"). {@code firstrefusal.domain.events.OfferEvent} says which
 * event each is.
 */
public sealed interface Recorded permits HistoryEntry, Reminder {

    String offerId();
}
