package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.Delivery;
import firstrefusal.wire.MessageJson;
import java.time.Instant;
import java.util.Optional;

/**
 * How a kept message is stored: its canonical JSON and its arrival, read back as written (no check of today's
 * message rules), so a replay judges it as it was judged then.
 */
final class DeliveryAttributes {

    private DeliveryAttributes() {
    }

    static String message(Delivery delivery) {
        return MessageJson.canonical(delivery.message());
    }

    static String arrival(Delivery delivery) {
        return delivery.arrivedAt().map(Instant::toString).orElse(null);
    }

    static Delivery delivery(String message, String arrivedAt) {
        return new Delivery(MessageJson.readKept(message), Optional.ofNullable(arrivedAt).map(Instant::parse));
    }
}
