package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every item of the table holds: its keys, the offer (the revision it concerns) and a decision; and, for every kind
 * the what-if reads, the keys of the replay index (its offer's first receipt). Each kind writes and reads its own
 * attributes by hand on top of these ({@link #write}, {@link #readCommon}): no schema objects and no reflection, for a
 * quicker cold start and a native image without reflection.
 */
abstract class TableItem {

    String pk;
    String sk;
    CapacityOffer offer;
    Decision decision;
    String replayFeed;
    Long firstReceivedMs;

    /** The item as DynamoDB stores it: every attribute that is not null. */
    final Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        Attributes.put(item, OfferTable.PK, pk);
        Attributes.put(item, OfferTable.SK, sk);
        Attributes.put(item, "offer", offer, DomainConverters.OFFER::attribute);
        Attributes.put(item, "decision", decision, DomainConverters.DECISION::attribute);
        Attributes.put(item, OfferTable.REPLAY_FEED, replayFeed);
        Attributes.put(item, OfferTable.FIRST_RECEIVED_MS, firstReceivedMs);
        write(item);
        return item;
    }

    /** This kind's own attributes. */
    abstract void write(Map<String, AttributeValue> item);

    /** Reads what every kind holds; each kind reads its own attributes after it. */
    final void readCommon(Map<String, AttributeValue> item) {
        pk = Attributes.str(item, OfferTable.PK);
        sk = Attributes.str(item, OfferTable.SK);
        offer = Attributes.map(item, "offer", DomainConverters.OFFER::read);
        decision = Attributes.map(item, "decision", DomainConverters.DECISION::read);
        replayFeed = Attributes.str(item, OfferTable.REPLAY_FEED);
        firstReceivedMs = Attributes.number(item, OfferTable.FIRST_RECEIVED_MS);
    }

    /** The item's keys, and its place in the replay index. */
    void keys(String offerId, String sortKey, Instant firstReceivedAt) {
        pk = OfferTable.offerKey(offerId);
        sk = sortKey;
        replayFeed = OfferTable.OFFERS;
        firstReceivedMs = firstReceivedAt.toEpochMilli();
    }
}
