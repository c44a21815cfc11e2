package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.decisions.RecordedChanges;
import firstrefusal.domain.offer.Recorded;
import firstrefusal.domain.record.Digest;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the table's change stream: what a newly written item records. A new history item is one history entry, a new
 * reminder item one reminder; state items, notices, kept messages and anything else record nothing that leaves. An image
 * is read through the same schemas the store writes with ({@link OfferItems}). Which event each is, is the domain's to
 * say ({@link firstrefusal.domain.events.OfferEvent#of(Recorded)}).
 */
public final class TableChanges implements RecordedChanges<Map<String, AttributeValue>> {

    /**
     * What a newly inserted item records, if it is a history entry or a reminder.
     *
     * @throws IllegalArgumentException when a history or reminder item lacks what its event needs
     */
    @Override
    public Optional<Recorded> recordedIn(Map<String, AttributeValue> newImage) {
        return switch (OfferItems.SCHEMA.mapToItem(newImage)) {
            case HistoryItem item -> {
                require(item.decision() != null && item.offer() != null && item.sequence() != null, item.sk());
                yield Optional.of(item.toEntry());
            }
            case ReminderItem item -> {
                require(item.decision() != null && item.offer() != null && item.sequence() != null && item.lead() != null
                        && item.sentAt() != null, item.sk());
                yield Optional.of(item.toReminder());
            }
            case null, default -> Optional.empty();
        };
    }

    /** The digest a newly inserted item keeps, if it is a digest ({@link DigestItems.Header}); its leaves are not. */
    @Override
    public Optional<Digest> digestIn(Map<String, AttributeValue> newImage) {
        AttributeValue pk = newImage.get(TableLayout.PK);
        if (pk == null || !TableLayout.DIGESTS_PK.equals(pk.s())) {
            return Optional.empty();
        }
        return Optional.of(DigestItems.Header.SCHEMA.mapToItem(newImage).digest());
    }

    private static void require(boolean complete, String sk) {
        if (!complete) {
            throw new IllegalArgumentException("item " + sk + " lacks the decision, offer or sequence its event needs");
        }
    }
}
