package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.OfferRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The items of one offer's partition, as a query returns them, put back together as its {@link OfferRecord}. */
final class RecordItems {

    private StateItem state;
    private final List<HistoryEntry> history = new ArrayList<>();
    private final List<KeptItem> log = new ArrayList<>();

    /** Takes one raw item; reminders, and anything else, are not part of the record. */
    void add(Map<String, AttributeValue> item) {
        String sk = item.get(OfferTable.SK).s();
        if (sk.equals(OfferTable.STATE_SK)) {
            state = StateItem.from(item);
        } else if (sk.startsWith(OfferTable.HISTORY_SK_PREFIX)) {
            HistoryItem entry = HistoryItem.from(item);
            history.add(entry.toEntry());
            entry.kept().ifPresent(log::add);
        } else if (sk.startsWith(OfferTable.MESSAGE_SK_PREFIX)) {
            log.add(MessageItem.from(item).toKept());
        } else if (sk.startsWith(OfferTable.NOTICE_SK_PREFIX)) {
            log.add(NoticeItem.from(item).toKept());
        }
    }

    /** The record, history in sequence order and log in recording order; empty when the state item was not among them. */
    Optional<OfferRecord> toRecord() {
        if (state == null) {
            return Optional.empty();
        }
        history.sort(Comparator.comparingLong(HistoryEntry::sequence));
        log.sort(Comparator.comparing(KeptItem::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(k -> k.item().key()));
        return Optional.of(new OfferRecord(state.toState(), history, log));
    }
}
