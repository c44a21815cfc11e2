package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.record.RecordProof;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of {@link OfferState}: one item per offer, in the outstanding index while pending.
 *
 * @param reminded   the leads sent, sorted so an item is written the same way every time; null when none (DynamoDB
 *                   stores no empty set)
 * @param headSeq    the seq of the last item of the offer's hash chain ({@link Chain}); null before the offer is chained
 * @param headHash   its hash
 * @param undigested {@code HEAD} while the head has moved since the last digest took it: the key of the sparse index
 *                   the digest reads ({@link TableLayout#UNDIGESTED_INDEX}), so it reads what changed, never all of history
 *
 * <p>Two attributes of the state item are not in this schema, so that the state's own writes (updates of exactly these
 * attributes, {@link DynamoOfferStore}) leave them as they are: {@code digested}, where the newest digest that took the
 * offer's head holds its leaf ({@link DigestItems}), and {@code chainedAt}, when the clock chained an offer recorded
 * before the chain ({@link DynamoChainStore}).
 */
record StateItem(String pk, String sk, CapacityOffer offer, Decision decision, String replayFeed, Long firstReceivedMs,
        Window window, String outstanding, Long dueAt, Long version, Long entries, Set<String> reminded, String clockAt,
        Long deadlineMovedBy, Long headSeq, String headHash, String undigested) implements TableItem.Replayable {

    StateItem {
        reminded = reminded == null || reminded.isEmpty() ? null : Collections.unmodifiableSortedSet(new TreeSet<>(reminded));
    }

    static final String HEAD_SEQ = "headSeq";
    static final String HEAD_HASH = "headHash";

    static final StaticImmutableTableSchema<StateItem, ItemAttributes> SCHEMA = TableSchema.builder(StateItem.class, ItemAttributes.class)
            .extend(TableItem.REPLAYED)
            .addAttribute(Window.class, attribute("window", StateItem::window, DomainConverters.WINDOW))
            .addAttribute(String.class, attribute(TableLayout.OUTSTANDING, StateItem::outstanding,
                    secondaryPartitionKey(TableLayout.OUTSTANDING_INDEX)))
            .addAttribute(Long.class, attribute(TableLayout.DUE_AT, StateItem::dueAt, secondarySortKey(TableLayout.OUTSTANDING_INDEX)))
            .addAttribute(Long.class, attribute(TableLayout.VERSION, StateItem::version))
            .addAttribute(Long.class, attribute("entries", StateItem::entries))
            .addAttribute(EnhancedType.setOf(String.class), attribute(TableLayout.REMINDED, StateItem::reminded))
            .addAttribute(String.class, attribute("clockAt", StateItem::clockAt))
            .addAttribute(Long.class, attribute("deadlineMovedBy", StateItem::deadlineMovedBy))
            .addAttribute(Long.class, attribute(HEAD_SEQ, StateItem::headSeq))
            .addAttribute(String.class, attribute(HEAD_HASH, StateItem::headHash))
            .addAttribute(String.class, attribute(TableLayout.UNDIGESTED, StateItem::undigested,
                    secondaryPartitionKey(TableLayout.UNDIGESTED_INDEX)))
            .newItemBuilder(ItemAttributes::new, f -> new StateItem(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("offer"),
                    f.get("decision"), f.get(TableLayout.REPLAY_FEED), f.get(TableLayout.FIRST_RECEIVED_MS), f.get("window"),
                    f.get(TableLayout.OUTSTANDING), f.get(TableLayout.DUE_AT), f.get(TableLayout.VERSION), f.get("entries"),
                    f.get(TableLayout.REMINDED), f.get("clockAt"), f.get("deadlineMovedBy"), f.get(HEAD_SEQ), f.get(HEAD_HASH),
                    f.get(TableLayout.UNDIGESTED)))
            .build();

    /**
     * The state with the chain's head after this write: undigested until the next digest takes it. With no head (an offer
     * recorded before the chain, not yet chained by the clock), nothing of the chain.
     */
    static StateItem of(OfferState state, RecordProof.Head head) {
        // Only pending offers carry the index keys, so decided offers drop out of the index.
        boolean pending = state.isOutstanding();
        return new StateItem(TableLayout.offerKey(state.offerId()), TableLayout.STATE_SK, state.offer(), state.decision(),
                TableLayout.OFFERS, state.firstReceivedAt().toEpochMilli(), state.window(), pending ? TableLayout.PENDING : null,
                pending ? state.decision().firstRefusalDeadline().toEpochMilli() : null, state.version(), state.entries(),
                state.remindersSent(), state.clockAt().map(Instant::toString).orElse(null), state.deadlineMovedBy(),
                head == null ? null : head.seq(), head == null ? null : head.hash(), head == null ? null : TableLayout.HEAD);
    }

    OfferState toState() {
        return new OfferState(offer, decision, window, version, entries, reminded == null ? Set.of() : reminded,
                Instant.ofEpochMilli(firstReceivedMs), Optional.ofNullable(clockAt).map(Instant::parse), deadlineMovedBy,
                headSeq == null ? null : new RecordProof.Head(headSeq, headHash));
    }

    /**
     * What a reminder writes on the state: its lead, added to the leads sent ({@link Additions}), so the rest of the state
     * and its version stay as they are, and two reminders written over the same version both count; and, when the offer
     * is chained, the head the reminder item moved it to.
     */
    record LeadSent(String pk, String sk, Set<String> reminded, Long headSeq, String headHash, String undigested) {

        static final StaticImmutableTableSchema<LeadSent, ItemAttributes> SCHEMA = TableSchema.builder(LeadSent.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, LeadSent::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, LeadSent::sk, primarySortKey()))
                .addAttribute(EnhancedType.setOf(String.class), attribute(TableLayout.REMINDED, LeadSent::reminded,
                        Additions.added()))
                .addAttribute(Long.class, attribute(HEAD_SEQ, LeadSent::headSeq))
                .addAttribute(String.class, attribute(HEAD_HASH, LeadSent::headHash))
                .addAttribute(String.class, attribute(TableLayout.UNDIGESTED, LeadSent::undigested))
                .newItemBuilder(ItemAttributes::new, f -> new LeadSent(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get(TableLayout.REMINDED),
                        f.get(HEAD_SEQ), f.get(HEAD_HASH), f.get(TableLayout.UNDIGESTED)))
                .build();

        static LeadSent of(Reminder reminder, RecordProof.Head head) {
            return new LeadSent(TableLayout.offerKey(reminder.offerId()), TableLayout.STATE_SK, Set.of(reminder.lead()),
                    head == null ? null : head.seq(), head == null ? null : head.hash(), head == null ? null : TableLayout.HEAD);
        }
    }
}
