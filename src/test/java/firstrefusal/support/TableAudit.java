package firstrefusal.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a whole table, item by item, and checks that every offer's state and history agree (src/docs/contract.md, "Storage":
 * state and history change in one transaction). It reads the raw items rather than going through the
 * store, so a half-written offer cannot hide behind the code that wrote it. Tests may scan; the product never does.
 */
public final class TableAudit {

    private TableAudit() {
    }

    /**
     * @param offers       offers with a state item
     * @param historyItems recorded decisions, over all offers
     * @param problems     one line per broken offer; empty when every offer is whole
     */
    public record Report(int offers, int historyItems, List<String> problems) {
    }

    public static Report of(DynamoDbClient client, String table) {
        Map<String, List<Map<String, AttributeValue>>> byOffer = new TreeMap<>();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> byOffer.computeIfAbsent(item.get("pk").s(), k -> new ArrayList<>()).add(item));
        List<String> problems = new ArrayList<>();
        int offers = 0;
        int historyItems = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> offer : byOffer.entrySet()) {
            if (!offer.getKey().startsWith("OFFER#")) {
                continue; // the agreement's ledger, the deployments, the response ids: not an offer's record
            }
            Map<String, AttributeValue> state = null;
            // Zero-padded sort keys: this map holds the history in recording order.
            TreeMap<String, Map<String, AttributeValue>> history = new TreeMap<>();
            for (Map<String, AttributeValue> item : offer.getValue()) {
                if (item.get("sk").s().equals("STATE")) {
                    state = item;
                } else if (item.get("sk").s().startsWith("HISTORY#")) {
                    history.put(item.get("sk").s(), item);
                }
            }
            historyItems += history.size();
            if (state != null) {
                offers++;
            }
            check(offer.getKey(), state, List.copyOf(history.values()), problems);
        }
        return new Report(offers, historyItems, problems);
    }

    private static void check(String pk, Map<String, AttributeValue> state, List<Map<String, AttributeValue>> history,
            List<String> problems) {
        if (state == null) {
            problems.add(pk + ": " + history.size() + " history items but no state");
            return;
        }
        if (history.isEmpty()) {
            problems.add(pk + ": a state but no history");
            return;
        }
        long entries = Long.parseLong(state.get("entries").n());
        if (entries != history.size()) {
            problems.add(pk + ": state counts " + entries + " entries but " + history.size() + " history items");
        }
        if (Long.parseLong(state.get("version").n()) < 1) {
            problems.add(pk + ": a state never written");
        }
        Set<String> causes = new HashSet<>();
        for (int i = 0; i < history.size(); i++) {
            Map<String, AttributeValue> entry = history.get(i);
            if (Long.parseLong(entry.get("sequence").n()) != i + 1) {
                problems.add(pk + ": history item " + (i + 1) + " has sequence " + entry.get("sequence").n());
            }
            String cause = entry.get("cause").s();
            // Time may decide more than once (a lapse, a re-opening revision, a second lapse); a message only once.
            if (!cause.equals("time") && !causes.add(cause)) {
                problems.add(pk + ": message " + cause + " recorded twice");
            }
        }
        if (!history.getLast().get("decision").equals(state.get("decision"))) {
            problems.add(pk + ": the state's decision is not the last one in its history");
        }
    }
}
