package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.Fields.attribute;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Notice;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A notice to the holder, in the offer's log: written once per window (its key says which), never again. */
record NoticeItem(String pk, String sk, CapacityOffer offer, Decision decision, String replayFeed, Long firstReceivedMs,
        Integer revision, String noticeSentAt, String recordedAt, Long seq, String hash) implements TableItem.Replayable {

    static final StaticImmutableTableSchema<NoticeItem, Fields> SCHEMA = TableSchema.builder(NoticeItem.class, Fields.class)
            .extend(TableItem.REPLAYED)
            .addAttribute(Integer.class, attribute("revision", NoticeItem::revision))
            .addAttribute(String.class, attribute("noticeSentAt", NoticeItem::noticeSentAt))
            .addAttribute(String.class, attribute("recordedAt", NoticeItem::recordedAt))
            .newItemBuilder(Fields::new, f -> new NoticeItem(f.get(OfferTable.PK), f.get(OfferTable.SK), f.get("offer"),
                    f.get("decision"), f.get(OfferTable.REPLAY_FEED), f.get(OfferTable.FIRST_RECEIVED_MS), f.get("revision"),
                    f.get("noticeSentAt"), f.get("recordedAt"), f.get(Chain.SEQ), f.get(Chain.HASH)))
            .build();

    static NoticeItem of(KeptItem kept, Notice notice, Instant firstReceivedAt) {
        return new NoticeItem(OfferTable.offerKey(notice.offerId()), OfferTable.noticeKey(notice.revision()), null,
                kept.answer(), OfferTable.OFFERS, firstReceivedAt.toEpochMilli(), notice.revision(), notice.sentAt().toString(),
                kept.recordedAt().toString(), null, null);
    }

    KeptItem toKept() {
        Notice notice = new Notice(OfferTable.offerIdOf(pk), revision, Instant.parse(noticeSentAt));
        return new KeptItem(notice, decision, Instant.parse(recordedAt), 0);
    }
}
