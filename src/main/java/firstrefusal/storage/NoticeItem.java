package firstrefusal.storage;

import firstrefusal.offer.KeptItem;
import firstrefusal.offer.Notice;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** A notice to the holder, in the offer's log: written once per window (its key says which), never again. */
final class NoticeItem extends TableItem {

    Integer revision;
    String noticeSentAt;
    String recordedAt;

    static final TableSchema<NoticeItem> SCHEMA = TableItem.replayable(NoticeItem.class, NoticeItem::new)
            .addAttribute(Integer.class, a -> a.name("revision").getter(i -> i.revision).setter((i, v) -> i.revision = v))
            .addAttribute(String.class, a -> a.name("noticeSentAt").getter(i -> i.noticeSentAt).setter((i, v) -> i.noticeSentAt = v))
            .addAttribute(String.class, a -> a.name("recordedAt").getter(i -> i.recordedAt).setter((i, v) -> i.recordedAt = v))
            .build();

    static NoticeItem of(KeptItem kept, Notice notice, Instant firstReceivedAt) {
        NoticeItem item = new NoticeItem();
        item.keys(notice.offerId(), OfferTable.noticeKey(notice.revision()), firstReceivedAt);
        item.revision = notice.revision();
        item.noticeSentAt = notice.sentAt().toString();
        item.recordedAt = kept.recordedAt().toString();
        item.decision = kept.answer();
        return item;
    }

    KeptItem toKept() {
        String offerId = pk.substring(pk.indexOf('#') + 1);
        return new KeptItem(new Notice(offerId, revision, Instant.parse(noticeSentAt)), decision, Instant.parse(recordedAt), 0);
    }
}
