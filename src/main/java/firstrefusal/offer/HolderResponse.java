package firstrefusal.offer;

import static firstrefusal.offer.Fields.present;

import java.time.Instant;

/** The holder's answer to a pending offer, {@code "kind": "holder-response"} (src/docs/contract.md, "Messages in"). */
public record HolderResponse(String responseId, String offerId, String responder, Answer answer, Instant respondedAt)
        implements OfferMessage {

    public HolderResponse {
        Fields.id("responseId", responseId);
        Fields.id("offerId", offerId);
        Fields.id("responder", responder);
        present("answer", answer);
        present("respondedAt", respondedAt);
    }

    @Override
    public Instant at() {
        return respondedAt;
    }

    @Override
    public String key() {
        return "response:" + responseId;
    }
}
