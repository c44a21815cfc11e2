package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.Recorded;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the table's change stream: what a newly written item records. A new history item is one history entry, a new
 * reminder item one reminder; state items, notices, kept messages and anything else record nothing that leaves. Which
 * event each is, is the domain's to say ({@link firstrefusal.domain.events.OfferEvent#of(Recorded)}).
 */
public final class TableChanges {

    private TableChanges() {
    }

    /**
     * What a newly inserted item records, if it is a history entry or a reminder.
     *
     * @throws IllegalArgumentException when a history or reminder item lacks what its event needs
     */
    public static Optional<Recorded> recordedIn(Map<String, AttributeValue> newImage) {
        AttributeValue sk = newImage.get(OfferTable.SK);
        if (sk == null || sk.s() == null) {
            return Optional.empty();
        }
        if (sk.s().startsWith(OfferTable.HISTORY_SK_PREFIX)) {
            HistoryItem item = HistoryItem.from(newImage);
            require(item.decision != null && item.offer != null && item.sequence != null, sk.s());
            return Optional.of(item.toEntry());
        }
        if (sk.s().startsWith(OfferTable.REMINDER_SK_PREFIX)) {
            ReminderItem item = ReminderItem.from(newImage);
            require(item.decision != null && item.offer != null && item.sequence != null && item.lead != null
                    && item.sentAt != null, sk.s());
            return Optional.of(item.toReminder());
        }
        return Optional.empty();
    }

    private static void require(boolean complete, String sk) {
        if (!complete) {
            throw new IllegalArgumentException("item " + sk + " lacks the decision, offer or sequence its event needs");
        }
    }
}
