package firstrefusal.storage;

import firstrefusal.offer.Delivery;
import firstrefusal.offer.KeptItem;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A kept message that caused no history entry of its own (a late answer, a message a later-processed one left without
 * effect, a message that changed nothing where it fell in event time), with what {@code decide} answered it: the log
 * holds it, so the fold and the what-if see it, and a redelivery gets the same answer.
 */
final class MessageItem extends TableItem {

    String message;
    String arrivedAt;
    String recordedAt;

    static final TableSchema<MessageItem> SCHEMA = TableItem.replayable(MessageItem.class, MessageItem::new)
            .addAttribute(String.class, a -> a.name("message").getter(i -> i.message).setter((i, v) -> i.message = v))
            .addAttribute(String.class, a -> a.name("arrivedAt").getter(i -> i.arrivedAt).setter((i, v) -> i.arrivedAt = v))
            .addAttribute(String.class, a -> a.name("recordedAt").getter(i -> i.recordedAt).setter((i, v) -> i.recordedAt = v))
            .build();

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
