package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.Reminder;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored form of a {@link Reminder}: written once per offer revision, lead and deadline (its key says which), so
 * the table's stream publishes it and a second tick cannot send it again. Not part of the offer's history.
 */
final class ReminderItem extends TableItem {

    Long sequence;
    String lead;
    String sentAt;
    Long movedBy;

    @Override
    void write(Map<String, AttributeValue> item) {
        Attributes.put(item, "sequence", sequence);
        Attributes.put(item, "lead", lead);
        Attributes.put(item, "sentAt", sentAt);
        Attributes.put(item, "movedBy", movedBy);
    }

    static ReminderItem from(Map<String, AttributeValue> item) {
        ReminderItem r = new ReminderItem();
        r.readCommon(item);
        r.sequence = Attributes.number(item, "sequence");
        r.lead = Attributes.str(item, "lead");
        r.sentAt = Attributes.str(item, "sentAt");
        r.movedBy = Attributes.number(item, "movedBy");
        return r;
    }

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
