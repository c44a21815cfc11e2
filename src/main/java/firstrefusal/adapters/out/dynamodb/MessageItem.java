package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.Fields.attribute;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.KeptItem;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A kept message that caused no history entry of its own (a late answer, a message a later-processed one left without
 * effect, a message that changed nothing where it fell in event time), with what {@code decide} answered it (its
 * {@code decision}): the log holds it, so the fold and the what-if see it, and a redelivery gets the same answer.
 */
record MessageItem(String pk, String sk, CapacityOffer offer, Decision decision, String replayFeed, Long firstReceivedMs,
        String message, String arrivedAt, String recordedAt, Long seq, String hash) implements TableItem.Replayable {

    static final StaticImmutableTableSchema<MessageItem, Fields> SCHEMA = TableSchema.builder(MessageItem.class, Fields.class)
            .extend(TableItem.REPLAYED)
            .addAttribute(String.class, attribute("message", MessageItem::message))
            .addAttribute(String.class, attribute("arrivedAt", MessageItem::arrivedAt))
            .addAttribute(String.class, attribute("recordedAt", MessageItem::recordedAt))
            .newItemBuilder(Fields::new, f -> new MessageItem(f.get(OfferTable.PK), f.get(OfferTable.SK), f.get("offer"),
                    f.get("decision"), f.get(OfferTable.REPLAY_FEED), f.get(OfferTable.FIRST_RECEIVED_MS), f.get("message"),
                    f.get("arrivedAt"), f.get("recordedAt"), f.get(Chain.SEQ), f.get(Chain.HASH)))
            .build();

    static MessageItem of(KeptItem kept, Delivery delivery, Instant firstReceivedAt) {
        return new MessageItem(OfferTable.offerKey(delivery.offerId()), OfferTable.messageKey(delivery.key()), null,
                kept.answer(), OfferTable.OFFERS, firstReceivedAt.toEpochMilli(), KeptForm.message(delivery),
                KeptForm.arrival(delivery), kept.recordedAt().toString(), null, null);
    }

    KeptItem toKept() {
        return new KeptItem(KeptForm.delivery(message, arrivedAt), decision, Instant.parse(recordedAt), 0);
    }
}
