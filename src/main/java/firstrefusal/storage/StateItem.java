package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.Terms;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The stored form of {@link OfferState}: one item per offer, in the outstanding index while pending. */
final class StateItem extends TableItem {

    Long seenGpus;
    BigDecimal seenPrice;
    String outstanding;
    Long dueAt;
    Long version;
    Set<String> reminded;
    Long firstReceivedMs;

    static final TableSchema<StateItem> SCHEMA = TableItem.schema(StateItem.class, StateItem::new)
            .addAttribute(Long.class, a -> a.name("seenGpus").getter(i -> i.seenGpus).setter((i, v) -> i.seenGpus = v))
            .addAttribute(BigDecimal.class, a -> a.name("seenPrice").getter(i -> i.seenPrice).setter((i, v) -> i.seenPrice = v))
            .addAttribute(String.class, a -> a.name(OfferTable.OUTSTANDING).getter(i -> i.outstanding)
                    .setter((i, v) -> i.outstanding = v).tags(secondaryPartitionKey(OfferTable.OUTSTANDING_INDEX)))
            .addAttribute(Long.class, a -> a.name(OfferTable.DUE_AT).getter(i -> i.dueAt).setter((i, v) -> i.dueAt = v)
                    .tags(secondarySortKey(OfferTable.OUTSTANDING_INDEX)))
            .addAttribute(Long.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(EnhancedType.setOf(String.class), a -> a.name(OfferTable.REMINDED).getter(i -> i.reminded)
                    .setter((i, v) -> i.reminded = v))
            .addAttribute(Long.class, a -> a.name(OfferTable.FIRST_RECEIVED_MS).getter(i -> i.firstReceivedMs)
                    .setter((i, v) -> i.firstReceivedMs = v))
            .build();

    static StateItem of(OfferState state) {
        StateItem item = new StateItem();
        item.pk = OfferTable.offerKey(state.offerId());
        item.sk = OfferTable.STATE_SK;
        item.offer = state.offer();
        item.decision = state.decision();
        if (state.seenByHolder() != null) {
            item.seenGpus = state.seenByHolder().gpus();
            item.seenPrice = state.seenByHolder().pricePerGpuHourUsd();
        }
        // Only pending offers carry the index keys, so decided offers drop out of the index.
        if (state.isOutstanding()) {
            item.outstanding = OfferTable.PENDING;
            item.dueAt = state.dueAt().toEpochMilli();
        }
        item.version = state.version();
        item.firstReceivedMs = state.firstReceivedAt().toEpochMilli();
        // DynamoDB stores no empty set: no reminder sent yet is no attribute.
        item.reminded = state.remindersSent().isEmpty() ? null : Set.copyOf(state.remindersSent());
        return item;
    }

    OfferState toState() {
        Terms seen = seenGpus == null ? null : new Terms(seenGpus, seenPrice);
        Instant due = dueAt == null ? null : Instant.ofEpochMilli(dueAt);
        // State written before first receipts were kept: its own revision's receipt is the nearest there is.
        Instant firstReceived = firstReceivedMs == null ? offer.receivedAt() : Instant.ofEpochMilli(firstReceivedMs);
        return new OfferState(offer, decision, seen, due, version, reminded == null ? Set.of() : reminded, firstReceived);
    }
}
