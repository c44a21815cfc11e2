package firstrefusal.offer;

import java.time.Instant;

/** A message about one offer: it gets one decision. */
public sealed interface OfferMessage extends Message permits CapacityOffer, HolderResponse, Withdrawal {

    String offerId();

    /** The event time the rules judge this message at. */
    Instant at();

    /** Identifies the message for at-least-once delivery: the same key is the same message. */
    String key();
}
