package firstrefusal.domain.offer;

import java.time.Instant;

/** The provider withdraws its offer, {@code "kind": "withdrawal"} (src/docs/contract.md, "Messages in"). */
public record Withdrawal(String offerId, Instant withdrawnAt) implements OfferMessage {

    @Override
    public Instant at() {
        return withdrawnAt;
    }
}
