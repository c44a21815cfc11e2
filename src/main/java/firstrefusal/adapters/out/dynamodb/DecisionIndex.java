package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.offer.HistoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a {@link DecisionQuery} reads the decision indexes (see {@link TableLayout}): the index of its most
 * selective filter, its partition value, and how a page position is written and read back.
 */
record DecisionIndex(String name, String partitionAttribute, String partitionValue) {

    static DecisionIndex of(DecisionQuery query) {
        if (query.provider().isPresent()) {
            return new DecisionIndex(TableLayout.BY_PROVIDER_INDEX, TableLayout.BY_PROVIDER, query.provider().get());
        }
        if (query.rule().isPresent()) {
            return new DecisionIndex(TableLayout.BY_RULE_INDEX, TableLayout.BY_RULE, query.rule().get().name());
        }
        if (query.status().isPresent()) {
            return new DecisionIndex(TableLayout.BY_STATUS_INDEX, TableLayout.BY_STATUS, query.status().get().name());
        }
        return new DecisionIndex(TableLayout.RECENT_INDEX, TableLayout.FEED, TableLayout.DECISIONS);
    }

    /**
     * The query: this index's partition and the decidedAt range as its key condition (the Enhanced Client names the
     * index's keys from {@link HistoryItem#SCHEMA}), the other filters as a filter expression.
     */
    QueryEnhancedRequest.Builder request(DecisionQuery query) {
        Optional<Key> from = query.from().map(f -> key(DecisionOrder.from(f)));
        Optional<Key> to = query.to().map(t -> key(DecisionOrder.to(t)));
        QueryConditional range = from.isPresent() && to.isPresent() ? QueryConditional.sortBetween(from.get(), to.get())
                : from.isPresent() ? QueryConditional.sortGreaterThanOrEqualTo(from.get())
                : to.isPresent() ? QueryConditional.sortLessThanOrEqualTo(to.get())
                : QueryConditional.keyEqualTo(Key.builder().partitionValue(partitionValue).build());
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder().queryConditional(range);
        // Filters the index key does not cover; they read more than they return, only when combined.
        List<String> filters = new ArrayList<>();
        Expression.Builder filter = Expression.builder();
        if (query.rule().isPresent() && !partitionAttribute.equals(TableLayout.BY_RULE)) {
            filters.add("#r = :r");
            filter.putExpressionName("#r", TableLayout.BY_RULE).putExpressionValue(":r", AttributeValue.fromS(query.rule().get().name()));
        }
        if (query.status().isPresent() && !partitionAttribute.equals(TableLayout.BY_STATUS)) {
            filters.add("#s = :s");
            filter.putExpressionName("#s", TableLayout.BY_STATUS).putExpressionValue(":s", AttributeValue.fromS(query.status().get().name()));
        }
        if (!filters.isEmpty()) {
            request.filterExpression(filter.expression(String.join(" AND ", filters)).build());
        }
        return request;
    }

    private Key key(String decidedOrder) {
        return Key.builder().partitionValue(partitionValue).sortValue(decidedOrder).build();
    }

    /**
     * One query of the index for the most selective filter given (provider, else rule, else status, else all
     * decisions), the {@code decidedAt} range as its key condition and any other filter as a filter
     * expression; pages of the query are read until one more match than asked for is found, so the answer
     * knows whether another page follows.
     */
    DecisionPage read(DynamoDbTable<HistoryItem> history, DecisionQuery query, Optional<String> after, int limit, int maxReads) {
        DynamoDbIndex<HistoryItem> index = history.index(name);
        QueryEnhancedRequest.Builder request = request(query).scanIndexForward(false);
        Map<String, AttributeValue> start = after.map(this::startAfter).orElse(null);
        List<HistoryItem> found = new ArrayList<>();
        int reads = 0;
        do {
            // One page of one request each time, not the pages the SDK would go on to: each query asks only for what the
            // page still lacks (a query cut short at 1 MB is continued, not re-read), and the reads are counted.
            Page<HistoryItem> page = index.query(request.limit(limit + 1 - found.size()).exclusiveStartKey(start).build())
                    .iterator().next();
            reads++;
            for (HistoryItem item : page.items()) {
                if (found.size() <= limit) {
                    found.add(item);
                }
            }
            start = page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() <= limit && reads < maxReads);
        List<HistoryEntry> entries = found.subList(0, Math.min(limit, found.size())).stream().map(HistoryItem::toEntry).toList();
        if (found.size() > limit) {
            return new DecisionPage(entries, Optional.of(position(found.get(limit - 1))), reads, false);
        }
        // Every match read so far is on this page; when the reads ran out first, go on from where the query stopped.
        return new DecisionPage(entries, Optional.ofNullable(start).map(DecisionIndex::position), reads, start != null);
    }

    /** Where a page ended: the last item's offer, sequence and place in the order (offer ids hold no '|'). */
    static String position(HistoryItem last) {
        return last.decision().offerId() + "|" + last.sequence() + "|" + last.decidedOrder();
    }

    /** Where a query stopped (its last evaluated key in a decision index), written as {@link #position(HistoryItem)} writes it. */
    static String position(Map<String, AttributeValue> lastEvaluated) {
        return TableLayout.offerIdOf(lastEvaluated.get(TableLayout.PK).s()) + "|"
                + TableLayout.sequenceOf(lastEvaluated.get(TableLayout.SK).s()) + "|" + lastEvaluated.get(TableLayout.DECIDED_ORDER).s();
    }

    /** The exclusive start key of the page after {@code position}, in this index. */
    Map<String, AttributeValue> startAfter(String position) {
        String[] parts = position.split("\\|", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].matches("[0-9]{15}#.+")) {
            throw new IllegalArgumentException("not a page position: " + position);
        }
        long sequence;
        try {
            sequence = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a page position: " + position);
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(TableLayout.PK, AttributeValue.fromS(TableLayout.offerKey(parts[0])));
        key.put(TableLayout.SK, AttributeValue.fromS(TableLayout.historyKey(sequence)));
        key.put(partitionAttribute, AttributeValue.fromS(partitionValue));
        key.put(TableLayout.DECIDED_ORDER, AttributeValue.fromS(parts[2]));
        return key;
    }
}
