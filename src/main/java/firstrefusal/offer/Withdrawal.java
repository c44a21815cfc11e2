package firstrefusal.offer;

import static firstrefusal.offer.Fields.present;

import java.time.Instant;

/** The provider withdraws its offer, {@code "kind": "withdrawal"} (src/docs/contract.md, "Messages in"). */
public record Withdrawal(String offerId, Instant withdrawnAt) implements OfferMessage {

    public Withdrawal {
        Fields.id("offerId", offerId);
        present("withdrawnAt", withdrawnAt);
    }

    @Override
    public Instant at() {
        return withdrawnAt;
    }

    @Override
    public String key() {
        return "withdrawal:" + withdrawnAt;
    }
}
