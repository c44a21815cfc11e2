package firstrefusal.storage;

import firstrefusal.notice.OfferEvent;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the table's change stream: which new item images are events to publish. A new history item is
 * one decision, a new reminder item one reminder; state items and anything else are not events.
 */
public final class TableChanges {

    private TableChanges() {
    }

    /**
     * The event a newly inserted item stands for, if any.
     *
     * @throws IllegalArgumentException when a history or reminder item lacks what its event needs
     */
    public static Optional<OfferEvent> eventOf(Map<String, AttributeValue> newImage) {
        AttributeValue sk = newImage.get(OfferTable.SK);
        if (sk == null || sk.s() == null) {
            return Optional.empty();
        }
        if (sk.s().startsWith(OfferTable.HISTORY_SK_PREFIX)) {
            HistoryItem item = HistoryItem.from(newImage);
            require(item.decision != null && item.offer != null && item.sequence != null, sk.s());
            return Optional.of(OfferEvent.of(item.toEntry()));
        }
        if (sk.s().startsWith(OfferTable.REMINDER_SK_PREFIX)) {
            ReminderItem item = ReminderItem.from(newImage);
            require(item.decision != null && item.offer != null && item.sequence != null && item.lead != null
                    && item.sentAt != null, sk.s());
            return Optional.of(OfferEvent.of(item.toReminder()));
        }
        return Optional.empty();
    }

    private static void require(boolean complete, String sk) {
        if (!complete) {
            throw new IllegalArgumentException("item " + sk + " lacks the decision, offer or sequence its event needs");
        }
    }
}
