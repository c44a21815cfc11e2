package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.Fields.attribute;
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

    static final StaticImmutableTableSchema<HistoryItem, Fields> SCHEMA = TableSchema.builder(HistoryItem.class, Fields.class)
            .extend(TableItem.REPLAYED)
            .addAttribute(Long.class, attribute("sequence", HistoryItem::sequence))
            .addAttribute(String.class, attribute("cause", HistoryItem::cause))
            .addAttribute(Window.class, attribute("window", HistoryItem::window, DomainConverters.WINDOW))
            .addAttribute(String.class, attribute(OfferTable.FEED, HistoryItem::feed, secondaryPartitionKey(OfferTable.RECENT_INDEX)))
            .addAttribute(String.class, attribute(OfferTable.BY_PROVIDER, HistoryItem::byProvider,
                    secondaryPartitionKey(OfferTable.BY_PROVIDER_INDEX)))
            .addAttribute(String.class, attribute(OfferTable.BY_STATUS, HistoryItem::byStatus,
                    secondaryPartitionKey(OfferTable.BY_STATUS_INDEX)))
            .addAttribute(String.class, attribute(OfferTable.BY_RULE, HistoryItem::byRule, secondaryPartitionKey(OfferTable.BY_RULE_INDEX)))
            .addAttribute(String.class, attribute(OfferTable.DECIDED_ORDER, HistoryItem::decidedOrder,
                    secondarySortKey(OfferTable.RECENT_INDEX), secondarySortKey(OfferTable.BY_PROVIDER_INDEX),
                    secondarySortKey(OfferTable.BY_STATUS_INDEX), secondarySortKey(OfferTable.BY_RULE_INDEX)))
            .addAttribute(String.class, attribute("message", HistoryItem::message))
            .addAttribute(String.class, attribute("arrivedAt", HistoryItem::arrivedAt))
            .newItemBuilder(Fields::new, f -> new HistoryItem(f.get(OfferTable.PK), f.get(OfferTable.SK), f.get("offer"),
                    f.get("decision"), f.get(OfferTable.REPLAY_FEED), f.get(OfferTable.FIRST_RECEIVED_MS), f.get("sequence"),
                    f.get("cause"), f.get("window"), f.get(OfferTable.FEED), f.get(OfferTable.BY_PROVIDER),
                    f.get(OfferTable.BY_STATUS), f.get(OfferTable.BY_RULE), f.get(OfferTable.DECIDED_ORDER), f.get("message"),
                    f.get("arrivedAt"), f.get(Chain.SEQ), f.get(Chain.HASH)))
            .build();

    /**
     * @param kept            the message that caused it, when one did
     * @param firstReceivedAt when the offer first arrived: its place in the replay index
     */
    static HistoryItem of(HistoryEntry entry, Optional<KeptItem> kept, Instant firstReceivedAt) {
        Decision d = entry.decision();
        Optional<Delivery> delivery = kept.map(KeptItem::item).filter(Delivery.class::isInstance).map(Delivery.class::cast);
        return new HistoryItem(OfferTable.offerKey(d.offerId()), OfferTable.historyKey(entry.sequence()), entry.offer(), d,
                OfferTable.OFFERS, firstReceivedAt.toEpochMilli(), entry.sequence(), entry.cause(), entry.window(),
                OfferTable.DECISIONS, d.provider(), d.status().name(), d.rule().name(),
                DecisionOrder.of(d.decidedAt(), d.offerId(), entry.sequence()),
                delivery.map(KeptForm::message).orElse(null), delivery.map(KeptForm::arrival).orElse(null), null, null);
    }

    HistoryEntry toEntry() {
        return new HistoryEntry(sequence, decision, offer, cause, window);
    }

    /** The message kept with this entry, answered with its decision; empty when time or a notice caused it. */
    Optional<KeptItem> kept() {
        if (message == null) {
            return Optional.empty();
        }
        return Optional.of(new KeptItem(KeptForm.delivery(message, arrivedAt), decision, decision.recordedAt(), sequence));
    }
}
