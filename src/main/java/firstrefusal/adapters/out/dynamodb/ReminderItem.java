package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.offer.Window;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of a {@link Reminder}: written once per offer revision, lead and deadline (its key says which), so
 * the table's stream publishes it and a second tick cannot send it again. Not part of the offer's history, nor of the
 * replay index.
 */
record ReminderItem(String pk, String sk, CapacityOffer offer, Decision decision, Long sequence, String lead, String sentAt,
        Long movedBy, Window window, Long seq, String hash) implements TableItem {

    static final StaticImmutableTableSchema<ReminderItem, ItemAttributes> SCHEMA = TableSchema.builder(ReminderItem.class, ItemAttributes.class)
            .extend(TableItem.COMMON)
            .addAttribute(Long.class, attribute("sequence", ReminderItem::sequence))
            .addAttribute(String.class, attribute("lead", ReminderItem::lead))
            .addAttribute(String.class, attribute("sentAt", ReminderItem::sentAt))
            .addAttribute(Long.class, attribute("movedBy", ReminderItem::movedBy))
            // The window it reminds of, for the answer link it carries; absent on reminders recorded before links were.
            .addAttribute(Window.class, attribute("window", ReminderItem::window, DomainConverters.WINDOW))
            .newItemBuilder(ItemAttributes::new, f -> new ReminderItem(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("offer"),
                    f.get("decision"), f.get("sequence"), f.get("lead"), f.get("sentAt"), f.get("movedBy"), f.get("window"),
                    f.get(Chain.SEQ), f.get(Chain.HASH)))
            .build();

    static ReminderItem of(Reminder reminder) {
        return new ReminderItem(TableLayout.offerKey(reminder.offerId()), TableLayout.reminderKey(reminder.key()), reminder.offer(),
                reminder.decision(), reminder.sequence(), reminder.lead(), reminder.at().toString(), reminder.movedBy(),
                reminder.window(), null, null);
    }

    Reminder toReminder() {
        return new Reminder(offer, decision, sequence, lead, Instant.parse(sentAt), movedBy, window);
    }
}
