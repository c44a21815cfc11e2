package firstrefusal.domain.offer;

import java.time.Instant;

/**
 * The holder was told of a window: {@code notify} took {@code sentAt} just before {@code PutEvents} accepted the
 * {@code First Refusal Requested} event for the window {@code revision} opened. Recorded in the offer's log; until a
 * window's notice is recorded its deadline is provisional.
 */
public record Notice(String offerId, int revision, Instant sentAt) implements LogItem {

    @Override
    public String key() {
        return "notice:r" + revision;
    }

    @Override
    public Instant effectiveAt() {
        return sentAt;
    }

    @Override
    public EventOrder.Rank rank() {
        return EventOrder.Rank.NOTICE;
    }
}
