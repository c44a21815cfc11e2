package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stored form of {@link OfferState}: one item per offer, in the outstanding index while pending. */
final class StateItem extends TableItem {

    Window window;
    String outstanding;
    Long dueAt;
    Long version;
    Long entries;
    /** The leads sent, sorted so an item is written the same way every time; null when none (no empty set in DynamoDB). */
    List<String> reminded;
    String clockAt;
    Long deadlineMovedBy;

    @Override
    void write(Map<String, AttributeValue> item) {
        Attributes.put(item, "window", window, DomainConverters.WINDOW::attribute);
        Attributes.put(item, OfferTable.OUTSTANDING, outstanding);
        Attributes.put(item, OfferTable.DUE_AT, dueAt);
        Attributes.put(item, OfferTable.VERSION, version);
        Attributes.put(item, "entries", entries);
        Attributes.put(item, OfferTable.REMINDED, reminded, AttributeValue::fromSs);
        Attributes.put(item, "clockAt", clockAt);
        Attributes.put(item, "deadlineMovedBy", deadlineMovedBy);
    }

    static StateItem from(Map<String, AttributeValue> item) {
        StateItem state = new StateItem();
        state.readCommon(item);
        state.window = Attributes.map(item, "window", DomainConverters.WINDOW::read);
        state.outstanding = Attributes.str(item, OfferTable.OUTSTANDING);
        state.dueAt = Attributes.number(item, OfferTable.DUE_AT);
        state.version = Attributes.number(item, OfferTable.VERSION);
        state.entries = Attributes.number(item, "entries");
        Set<String> sent = Attributes.strings(item, OfferTable.REMINDED);
        state.reminded = sent.isEmpty() ? null : sent.stream().sorted().toList();
        state.clockAt = Attributes.str(item, "clockAt");
        state.deadlineMovedBy = Attributes.number(item, "deadlineMovedBy");
        return state;
    }

    static StateItem of(OfferState state) {
        StateItem item = new StateItem();
        item.keys(state.offerId(), OfferTable.STATE_SK, state.firstReceivedAt());
        item.offer = state.offer();
        item.decision = state.decision();
        item.window = state.window();
        // Only pending offers carry the index keys, so decided offers drop out of the index.
        if (state.isOutstanding()) {
            item.outstanding = OfferTable.PENDING;
            item.dueAt = state.decision().firstRefusalDeadline().toEpochMilli();
        }
        item.version = state.version();
        item.entries = state.entries();
        // DynamoDB stores no empty set: no reminder sent yet is no attribute.
        item.reminded = state.remindersSent().isEmpty() ? null : state.remindersSent().stream().sorted().toList();
        item.clockAt = state.clockAt().map(Instant::toString).orElse(null);
        item.deadlineMovedBy = state.deadlineMovedBy();
        return item;
    }

    OfferState toState() {
        return new OfferState(offer, decision, window, version, entries, reminded == null ? Set.of() : Set.copyOf(reminded),
                Instant.ofEpochMilli(firstReceivedMs), Optional.ofNullable(clockAt).map(Instant::parse), deadlineMovedBy);
    }
}
