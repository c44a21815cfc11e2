package firstrefusal.domain.offer;

import java.time.Instant;

/** A message about one offer from outside: a provider's offer or withdrawal, or the holder's answer. */
public sealed interface OfferMessage extends Message permits CapacityOffer, HolderResponse, Withdrawal {

    String offerId();

    /** Whether {@code id} could be an offer's id ({@code [A-Za-z0-9._:-]{1,128}}): the one rule, for messages and pages alike. */
    static boolean isOfferId(String id) {
        return id != null && FieldChecks.ID.matcher(id).matches();
    }

    /** The instant the sender put on it ({@code receivedAt}, {@code respondedAt}, {@code withdrawnAt}). */
    Instant at();

    /** The wire name of {@link #at()}, for errors about it. */
    default String instantField() {
        return switch (this) {
            case CapacityOffer o -> "receivedAt";
            case HolderResponse r -> "respondedAt";
            case Withdrawal w -> "withdrawnAt";
        };
    }

    /**
     * Identifies the message for at-least-once delivery: the same key is the same message. An offer's revision, a
     * response's id, a withdrawal's instant (the earliest withdrawal counts; a later one repeats it).
     */
    default String key() {
        return switch (this) {
            case CapacityOffer o -> "offer:" + o.revision();
            case HolderResponse r -> "response:" + r.responseId();
            case Withdrawal w -> "withdrawal:" + w.withdrawnAt();
        };
    }
}
