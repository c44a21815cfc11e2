package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Notice;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A notice to the holder, in the offer's log: written once per window (its key says which), never again. */
final class NoticeItem extends TableItem {

    Integer revision;
    String noticeSentAt;
    String recordedAt;

    @Override
    void write(Map<String, AttributeValue> item) {
        Attributes.put(item, "revision", revision);
        Attributes.put(item, "noticeSentAt", noticeSentAt);
        Attributes.put(item, "recordedAt", recordedAt);
    }

    static NoticeItem from(Map<String, AttributeValue> item) {
        NoticeItem r = new NoticeItem();
        r.readCommon(item);
        Long rev = Attributes.number(item, "revision");
        r.revision = rev == null ? null : rev.intValue();
        r.noticeSentAt = Attributes.str(item, "noticeSentAt");
        r.recordedAt = Attributes.str(item, "recordedAt");
        return r;
    }

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
