package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.OfferRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The items of one offer's partition, as a query returns them, put back together as its {@link OfferRecord}. */
final class RecordItems {

    private StateItem state;
    private final List<HistoryEntry> history = new ArrayList<>();
    private final List<KeptItem> log = new ArrayList<>();

    /** Takes one item; reminders, and items of no kind known ({@link OfferItems} reads them as null), are not part of the record. */
    void add(TableItem item) {
        switch (item) {
            case StateItem s -> state = s;
            case HistoryItem entry -> {
                history.add(entry.toEntry());
                entry.kept().ifPresent(log::add);
            }
            case KeptAloneItem kept -> log.add(kept.toKept());
            case ReminderItem reminder -> {
            }
            case null -> {
            }
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
