package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.OfferRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

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
    static boolean read(DynamoDbTable<TableItem> items, Optional<Instant> from, Optional<Instant> to, int atMost,
            Consumer<OfferRecord> offer) {
        // Pages of a known size, so a reader that stops at atMost offers has read at most one page beyond them.
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(
                        received(from.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE)),
                        received(to.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE))))
                .limit(REPLAY_PAGE_ITEMS)
                .build();
        Map<String, RecordItems> atInstant = new LinkedHashMap<>();
        long instant = Long.MIN_VALUE;
        int[] handed = {0};
        // The SDK's pages ask for the next one only when this loop does: a reader that stops asks for no more.
        for (Page<TableItem> page : items.index(TableLayout.REPLAY_INDEX).query(request)) {
            for (TableItem item : page.items()) {
                if (!(item instanceof TableItem.Replayable replayed)) {
                    continue; // no kind known here: not part of any record
                }
                long received = replayed.firstReceivedMs();
                if (received != instant) {
                    completed(atInstant, offer, handed);
                    instant = received;
                }
                if (!atInstant.containsKey(item.pk()) && handed[0] + atInstant.size() >= atMost) {
                    // One offer more than asked for: read no further. The offers of this instant may not be whole yet
                    // (items of one instant come in no set order), so they are not handed over.
                    return false;
                }
                atInstant.computeIfAbsent(item.pk(), k -> new RecordItems()).add(item);
            }
        }
        completed(atInstant, offer, handed);
        return true;
    }

    private static Key received(long epochMillis) {
        return Key.builder().partitionValue(TableLayout.OFFERS).sortValue(epochMillis).build();
    }

    private static void completed(Map<String, RecordItems> offers, Consumer<OfferRecord> offer, int[] handed) {
        offers.values().forEach(items -> items.toRecord().ifPresent(offer));
        handed[0] += offers.size();
        offers.clear();
    }
}
