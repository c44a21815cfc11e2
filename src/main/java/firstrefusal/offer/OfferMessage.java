package firstrefusal.offer;

import java.time.Instant;

/** A message about one offer from outside: a provider's offer or withdrawal, or the holder's answer. */
public sealed interface OfferMessage extends Message permits CapacityOffer, HolderResponse, Withdrawal {

    String offerId();

    /** The instant the sender put on it ({@code receivedAt}, {@code respondedAt}, {@code withdrawnAt}). */
    Instant at();

    /** The wire name of {@link #at()}, for errors about it. */
    String instantField();

    /** Identifies the message for at-least-once delivery: the same key is the same message. */
    String key();
}
