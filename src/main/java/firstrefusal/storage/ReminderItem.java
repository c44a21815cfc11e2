package firstrefusal.storage;

import firstrefusal.offer.Reminder;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of a {@link Reminder}: written once per offer revision, lead and deadline (its key says which), so
 * the table's stream publishes it and a second tick cannot send it again. Not part of the offer's history.
 */
final class ReminderItem extends TableItem {

    Long sequence;
    String lead;
    String sentAt;
    Long movedBy;

    static final TableSchema<ReminderItem> SCHEMA = TableItem.schema(ReminderItem.class, ReminderItem::new)
            .addAttribute(Long.class, a -> a.name("sequence").getter(i -> i.sequence).setter((i, v) -> i.sequence = v))
            .addAttribute(String.class, a -> a.name("lead").getter(i -> i.lead).setter((i, v) -> i.lead = v))
            .addAttribute(String.class, a -> a.name("sentAt").getter(i -> i.sentAt).setter((i, v) -> i.sentAt = v))
            .addAttribute(Long.class, a -> a.name("movedBy").getter(i -> i.movedBy).setter((i, v) -> i.movedBy = v))
            .build();

    static ReminderItem of(Reminder reminder) {
        ReminderItem item = new ReminderItem();
        item.pk = OfferTable.offerKey(reminder.offerId());
        item.sk = OfferTable.reminderKey(reminder.key());
        item.offer = reminder.offer();
        item.decision = reminder.decision();
        item.sequence = reminder.sequence();
        item.lead = reminder.lead();
        item.sentAt = reminder.at().toString();
        item.movedBy = reminder.movedBy();
        return item;
    }

    Reminder toReminder() {
        return new Reminder(offer, decision, sequence, lead, Instant.parse(sentAt), movedBy);
    }
}
