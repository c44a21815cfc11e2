package firstrefusal.domain.offer;

import java.time.Instant;

/**
 * The holder's answer to a pending offer, {@code "kind": "holder-response"} (src/docs/contract.md, "Messages in").
 *
 * @param revision the revision whose terms it answers; null means the revision that opened the window in force at
 *                 the answer's effective instant
 */
public record HolderResponse(String responseId, String offerId, String responder, Answer answer, Instant respondedAt,
        Integer revision) implements OfferMessage {

    /** An answer to whatever window is open when it takes effect. */
    public HolderResponse(String responseId, String offerId, String responder, Answer answer, Instant respondedAt) {
        this(responseId, offerId, responder, answer, respondedAt, null);
    }

    @Override
    public Instant at() {
        return respondedAt;
    }
}
