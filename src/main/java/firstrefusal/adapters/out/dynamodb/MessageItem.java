package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.KeptItem;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A kept message that caused no history entry of its own (a late answer, a message a later-processed one left without
 * effect, a message that changed nothing where it fell in event time), with what {@code decide} answered it: the log
 * holds it, so the fold and the what-if see it, and a redelivery gets the same answer.
 */
final class MessageItem extends TableItem {

    String message;
    String arrivedAt;
    String recordedAt;

    @Override
    void write(Map<String, AttributeValue> item) {
        Attributes.put(item, "message", message);
        Attributes.put(item, "arrivedAt", arrivedAt);
        Attributes.put(item, "recordedAt", recordedAt);
    }

    static MessageItem from(Map<String, AttributeValue> item) {
        MessageItem r = new MessageItem();
        r.readCommon(item);
        r.message = Attributes.str(item, "message");
        r.arrivedAt = Attributes.str(item, "arrivedAt");
        r.recordedAt = Attributes.str(item, "recordedAt");
        return r;
    }

    static MessageItem of(KeptItem kept, Delivery delivery, Instant firstReceivedAt) {
        MessageItem item = new MessageItem();
        item.keys(delivery.offerId(), OfferTable.messageKey(delivery.key()), firstReceivedAt);
        item.message = KeptForm.message(delivery);
        item.arrivedAt = KeptForm.arrival(delivery);
        item.decision = kept.answer();
        item.recordedAt = kept.recordedAt().toString();
        return item;
    }

    KeptItem toKept() {
        return new KeptItem(KeptForm.delivery(message, arrivedAt), decision, Instant.parse(recordedAt), 0);
    }
}
