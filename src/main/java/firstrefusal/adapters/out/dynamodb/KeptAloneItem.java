package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Notice;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * An item of the offer's log kept on its own, with what {@code decide} answered it (its {@code decision}), so the fold and
 * the what-if see it and a redelivery gets the same answer. Two kinds, told apart by the sort key ({@link TableLayout}):
 * <ul>
 *   <li>{@code MESSAGE#<key>}: a message that caused no history entry of its own (a late answer, one a later-processed
 *   message left without effect, one that changed nothing where it fell in event time): {@code message} (its canonical
 *   JSON) and {@code arrivedAt};</li>
 *   <li>{@code NOTICE#r<revision>}: the notice of a window, as {@code notify} sent it: {@code revision} and
 *   {@code noticeSentAt}.</li>
 * </ul>
 * Each stores only its own attributes: the other kind's are null, and a put leaves nulls out.
 */
record KeptAloneItem(String pk, String sk, CapacityOffer offer, Decision decision, String replayFeed, Long firstReceivedMs,
        String message, String arrivedAt, Integer revision, String noticeSentAt, String recordedAt, Long seq, String hash)
        implements TableItem.Replayable {

    static final StaticImmutableTableSchema<KeptAloneItem, ItemAttributes> SCHEMA = TableSchema.builder(KeptAloneItem.class, ItemAttributes.class)
            .extend(TableItem.REPLAYED)
            .addAttribute(String.class, attribute("message", KeptAloneItem::message))
            .addAttribute(String.class, attribute("arrivedAt", KeptAloneItem::arrivedAt))
            .addAttribute(Integer.class, attribute("revision", KeptAloneItem::revision))
            .addAttribute(String.class, attribute("noticeSentAt", KeptAloneItem::noticeSentAt))
            .addAttribute(String.class, attribute("recordedAt", KeptAloneItem::recordedAt))
            .newItemBuilder(ItemAttributes::new, f -> new KeptAloneItem(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("offer"),
                    f.get("decision"), f.get(TableLayout.REPLAY_FEED), f.get(TableLayout.FIRST_RECEIVED_MS), f.get("message"),
                    f.get("arrivedAt"), f.get("revision"), f.get("noticeSentAt"), f.get("recordedAt"), f.get(Chain.SEQ),
                    f.get(Chain.HASH)))
            .build();

    /** The kept item, which caused no entry: a message under its key, or a notice under its window's revision. */
    static KeptAloneItem of(KeptItem kept, Instant firstReceivedAt) {
        long received = firstReceivedAt.toEpochMilli();
        String recorded = kept.recordedAt().toString();
        return switch (kept.item()) {
            case Delivery d -> new KeptAloneItem(TableLayout.offerKey(d.offerId()), TableLayout.messageKey(d.key()), null,
                    kept.answer(), TableLayout.OFFERS, received, DeliveryAttributes.message(d), DeliveryAttributes.arrival(d), null, null, recorded,
                    null, null);
            case Notice n -> new KeptAloneItem(TableLayout.offerKey(n.offerId()), TableLayout.noticeKey(n.revision()), null,
                    kept.answer(), TableLayout.OFFERS, received, null, null, n.revision(), n.sentAt().toString(), recorded,
                    null, null);
        };
    }

    boolean isNotice() {
        return sk.startsWith(TableLayout.NOTICE_SK_PREFIX);
    }

    KeptItem toKept() {
        Instant recorded = Instant.parse(recordedAt);
        return isNotice()
                ? new KeptItem(new Notice(TableLayout.offerIdOf(pk), revision, Instant.parse(noticeSentAt)), decision, recorded, 0)
                : new KeptItem(DeliveryAttributes.delivery(message, arrivedAt), decision, recorded, 0);
    }
}
