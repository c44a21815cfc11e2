package firstrefusal.domain.offer;

import java.time.Instant;
import java.util.Optional;

/**
 * A message as it reached {@code decide}: the message, and its arrival when it came through the queue (the SQS
 * {@code SentTimestamp}, which no sender can set). Kept with the message, so a replay judges it the same way.
 *
 * @param account the AWS account EventBridge says sent it, when it came in an envelope (a sender cannot forge it);
 *                checked on arrival against the holder's account, not kept
 */
public record Delivery(OfferMessage message, Optional<Instant> arrivedAt, Optional<String> account) implements LogItem {

    /** A message with no envelope account. */
    public Delivery(OfferMessage message, Optional<Instant> arrivedAt) {
        this(message, arrivedAt, Optional.empty());
    }

    /** A direct invocation: no arrival, the instants are taken as given. */
    public static Delivery direct(OfferMessage message) {
        return new Delivery(message, Optional.empty());
    }

    @Override
    public String offerId() {
        return message.offerId();
    }

    @Override
    public String key() {
        return message.key();
    }

    /**
     * The message's own instant, or the later of it and its arrival: a holder cannot backdate an answer that reached the
     * queue late. An offer's first revision is the exception: its window opens at {@code receivedAt} (a late notice, not
     * the arrival, protects the holder from a backdated receipt).
     */
    @Override
    public Instant effectiveAt() {
        if (isFirstRevision() || arrivedAt.isEmpty() || !arrivedAt.get().isAfter(message.at())) {
            return message.at();
        }
        return arrivedAt.get();
    }

    @Override
    public EventOrder.Rank rank() {
        return switch (message) {
            case CapacityOffer o -> o.revision() == 1 ? EventOrder.Rank.FIRST_REVISION : EventOrder.Rank.REVISION;
            case HolderResponse r -> EventOrder.Rank.ANSWER;
            case Withdrawal w -> EventOrder.Rank.WITHDRAWAL;
        };
    }

    private boolean isFirstRevision() {
        return message instanceof CapacityOffer o && o.revision() == 1;
    }
}
