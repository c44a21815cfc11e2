package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Window;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The stored form of {@link HistoryEntry}: one item per recorded decision, never rewritten. It carries the revision the
 * decision rests on (so the table's stream alone can tell the holder what to match), the window in force, and the
 * message that caused it, if one did: the message is kept with the entry it caused. Its keys in the four decision
 * indexes ({@code feed}, {@code byProvider}, {@code byStatus}, {@code byRule}, each sorted by {@code decidedOrder}) are
 * stored as written, so a page position read back from an item is the index's own key.
 */
record HistoryItem(String pk, String sk, CapacityOffer offer, Decision decision, String replayFeed, Long firstReceivedMs,
        Long sequence, String cause, Window window, String feed, String byProvider, String byStatus, String byRule,
        String decidedOrder, String message, String arrivedAt, Long seq, String hash) implements TableItem.Replayable {

    static final StaticImmutableTableSchema<HistoryItem, ItemAttributes> SCHEMA = TableSchema.builder(HistoryItem.class, ItemAttributes.class)
            .extend(TableItem.REPLAYED)
            .addAttribute(Long.class, attribute("sequence", HistoryItem::sequence))
            .addAttribute(String.class, attribute("cause", HistoryItem::cause))
            .addAttribute(Window.class, attribute("window", HistoryItem::window, DomainConverters.WINDOW))
            .addAttribute(String.class, attribute(TableLayout.FEED, HistoryItem::feed, secondaryPartitionKey(TableLayout.RECENT_INDEX)))
            .addAttribute(String.class, attribute(TableLayout.BY_PROVIDER, HistoryItem::byProvider,
                    secondaryPartitionKey(TableLayout.BY_PROVIDER_INDEX)))
            .addAttribute(String.class, attribute(TableLayout.BY_STATUS, HistoryItem::byStatus,
                    secondaryPartitionKey(TableLayout.BY_STATUS_INDEX)))
            .addAttribute(String.class, attribute(TableLayout.BY_RULE, HistoryItem::byRule, secondaryPartitionKey(TableLayout.BY_RULE_INDEX)))
            .addAttribute(String.class, attribute(TableLayout.DECIDED_ORDER, HistoryItem::decidedOrder,
                    secondarySortKey(TableLayout.RECENT_INDEX), secondarySortKey(TableLayout.BY_PROVIDER_INDEX),
                    secondarySortKey(TableLayout.BY_STATUS_INDEX), secondarySortKey(TableLayout.BY_RULE_INDEX)))
            .addAttribute(String.class, attribute("message", HistoryItem::message))
            .addAttribute(String.class, attribute("arrivedAt", HistoryItem::arrivedAt))
            .newItemBuilder(ItemAttributes::new, f -> new HistoryItem(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("offer"),
                    f.get("decision"), f.get(TableLayout.REPLAY_FEED), f.get(TableLayout.FIRST_RECEIVED_MS), f.get("sequence"),
                    f.get("cause"), f.get("window"), f.get(TableLayout.FEED), f.get(TableLayout.BY_PROVIDER),
                    f.get(TableLayout.BY_STATUS), f.get(TableLayout.BY_RULE), f.get(TableLayout.DECIDED_ORDER), f.get("message"),
                    f.get("arrivedAt"), f.get(Chain.SEQ), f.get(Chain.HASH)))
            .build();

    /**
     * @param kept            the message that caused it, when one did
     * @param firstReceivedAt when the offer first arrived: its place in the replay index
     */
    static HistoryItem of(HistoryEntry entry, Optional<KeptItem> kept, Instant firstReceivedAt) {
        Decision d = entry.decision();
        Optional<Delivery> delivery = kept.map(KeptItem::item).filter(Delivery.class::isInstance).map(Delivery.class::cast);
        return new HistoryItem(TableLayout.offerKey(d.offerId()), TableLayout.historyKey(entry.sequence()), entry.offer(), d,
                TableLayout.OFFERS, firstReceivedAt.toEpochMilli(), entry.sequence(), entry.cause(), entry.window(),
                TableLayout.DECISIONS, d.provider(), d.status().name(), d.rule().name(),
                DecisionOrder.of(d.decidedAt(), d.offerId(), entry.sequence()),
                delivery.map(DeliveryAttributes::message).orElse(null), delivery.map(DeliveryAttributes::arrival).orElse(null), null, null);
    }

    HistoryEntry toEntry() {
        return new HistoryEntry(sequence, decision, offer, cause, window);
    }

    /** The message kept with this entry, answered with its decision; empty when time or a notice caused it. */
    Optional<KeptItem> kept() {
        if (message == null) {
            return Optional.empty();
        }
        return Optional.of(new KeptItem(DeliveryAttributes.delivery(message, arrivedAt), decision, decision.recordedAt(), sequence));
    }
}
