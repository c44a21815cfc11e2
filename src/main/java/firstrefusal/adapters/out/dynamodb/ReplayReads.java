package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.OfferRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Whole offers by their first receipt, for a replay (the what-if, a past {@code asOf}): the replay index holds every item
 * of an offer's record under its first receipt, so one query over a range reads the offers of that range, and nothing
 * else. Bounded: it stops one offer past what the caller may read.
 */
final class ReplayReads {

    /**
     * Items a page of the replay index holds (state, history, notices and kept messages: a few per offer): about what
     * DynamoDB's 1 MB returns of them anyway, so a whole replay takes no more requests, and one that stops at its bound
     * has read at most this many items past it.
     */
    static final int REPLAY_PAGE_ITEMS = 1_000;

    private ReplayReads() {
    }

    /**
     * One query of the replay index over the range, page by page. Items of one offer share its first-receipt
     * instant, so once the query has moved past an instant every offer received at it is complete and goes out.
     */
    static boolean read(DynamoDbClient client, String tableName, Optional<Instant> from, Optional<Instant> to, int atMost,
            Consumer<OfferRecord> offer) {
        Map<String, String> names = Map.of("#p", OfferTable.REPLAY_FEED, "#t", OfferTable.FIRST_RECEIVED_MS);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(OfferTable.OFFERS),
                ":from", AttributeValue.fromN(Long.toString(from.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE))),
                ":to", AttributeValue.fromN(Long.toString(to.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE)))));
        // Pages of a known size, so a reader that stops at atMost offers has read at most one page beyond them.
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(OfferTable.REPLAY_INDEX)
                .limit(REPLAY_PAGE_ITEMS)
                .keyConditionExpression("#p = :p AND #t BETWEEN :from AND :to")
                .expressionAttributeNames(names).expressionAttributeValues(values);
        Map<String, RecordItems> atInstant = new LinkedHashMap<>();
        long instant = Long.MIN_VALUE;
        int[] handed = {0};
        // The SDK's pages ask for the next one only when this loop does: a reader that stops asks for no more.
        for (QueryResponse page : client.queryPaginator(request.build())) {
            for (Map<String, AttributeValue> raw : page.items()) {
                long received = Long.parseLong(raw.get(OfferTable.FIRST_RECEIVED_MS).n());
                if (received != instant) {
                    completed(atInstant, offer, handed);
                    instant = received;
                }
                String pk = raw.get(OfferTable.PK).s();
                if (!atInstant.containsKey(pk) && handed[0] + atInstant.size() >= atMost) {
                    // One offer more than asked for: read no further. The offers of this instant may not be whole yet
                    // (items of one instant come in no set order), so they are not handed over.
                    return false;
                }
                atInstant.computeIfAbsent(pk, k -> new RecordItems()).add(raw);
            }
        }
        completed(atInstant, offer, handed);
        return true;
    }

    private static void completed(Map<String, RecordItems> offers, Consumer<OfferRecord> offer, int[] handed) {
        offers.values().forEach(items -> items.toRecord().ifPresent(offer));
        handed[0] += offers.size();
        offers.clear();
    }
}
