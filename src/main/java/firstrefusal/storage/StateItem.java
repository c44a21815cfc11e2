package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.OfferState;
import firstrefusal.offer.Window;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The stored form of {@link OfferState}: one item per offer, in the outstanding index while pending. */
final class StateItem extends TableItem {

    Window window;
    String outstanding;
    Long dueAt;
    Long version;
    Long entries;
    Set<String> reminded;
    String clockAt;
    Long deadlineMovedBy;

    static final TableSchema<StateItem> SCHEMA = TableItem.replayable(StateItem.class, StateItem::new)
            .addAttribute(Window.class, a -> a.name("window").getter(i -> i.window).setter((i, v) -> i.window = v)
                    .attributeConverter(DomainConverters.WINDOW))
            .addAttribute(String.class, a -> a.name(OfferTable.OUTSTANDING).getter(i -> i.outstanding)
                    .setter((i, v) -> i.outstanding = v).tags(secondaryPartitionKey(OfferTable.OUTSTANDING_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.DUE_AT).getter(i -> i.dueAt).setter((i, v) -> i.dueAt = v)
                    .tags(secondarySortKey(OfferTable.OUTSTANDING_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.VERSION).getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(Long.class, a -> a.name("entries").getter(i -> i.entries).setter((i, v) -> i.entries = v))
            .addAttribute(EnhancedType.setOf(String.class), a -> a.name(OfferTable.REMINDED).getter(i -> i.reminded)
                    .setter((i, v) -> i.reminded = v))
            .addAttribute(String.class, a -> a.name("clockAt").getter(i -> i.clockAt).setter((i, v) -> i.clockAt = v))
            .addAttribute(Long.class, a -> a.name("deadlineMovedBy").getter(i -> i.deadlineMovedBy)
                    .setter((i, v) -> i.deadlineMovedBy = v))
            .build();

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
        item.reminded = state.remindersSent().isEmpty() ? null : Set.copyOf(state.remindersSent());
        item.clockAt = state.clockAt().map(Instant::toString).orElse(null);
        item.deadlineMovedBy = state.deadlineMovedBy();
        return item;
    }

    OfferState toState() {
        return new OfferState(offer, decision, window, version, entries, reminded == null ? Set.of() : reminded,
                Instant.ofEpochMilli(firstReceivedMs), Optional.ofNullable(clockAt).map(Instant::parse), deadlineMovedBy);
    }
}
