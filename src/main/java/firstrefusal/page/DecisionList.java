package firstrefusal.page;

import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code /decisions} shows: one page of the decision record with the filters that chose it, the form to change
 * them, and links to the next page and to the same filters as CSV.
 */
record DecisionList(Map<String, String> filters, List<Row> rows, String nextLink, String csvLink, List<Provider> providers,
        List<Status> statuses, List<Rule> rules, boolean readsSpent) {

    record Row(HistoryEntry entry, String providerName) {
    }

    static DecisionList of(DecisionQuery query, DecisionPage page, String nextCursor, Policy policy) {
        Map<String, String> filters = new LinkedHashMap<>();
        query.provider().ifPresent(p -> filters.put("provider", p));
        query.status().ifPresent(s -> filters.put("status", s.name()));
        query.rule().ifPresent(r -> filters.put("rule", r.name()));
        query.from().ifPresent(f -> filters.put("from", f.toString()));
        query.to().ifPresent(t -> filters.put("to", t.toString()));
        List<Row> rows = page.entries().stream()
                .map(e -> new Row(e, policy.provider(e.decision().provider()).map(Provider::name).orElse(e.decision().provider())))
                .toList();
        Map<String, String> next = new LinkedHashMap<>(filters);
        if (nextCursor != null) {
            next.put("next", nextCursor);
        }
        return new DecisionList(filters, rows, nextCursor == null ? null : "decisions" + queryString(next),
                "decisions.csv" + queryString(filters),
                policy.providers().values().stream().sorted(Comparator.comparing(Provider::id)).toList(),
                List.of(Status.values()), List.of(Rule.values()), page.readsSpent());
    }

    /** The value a filter field of the form starts with: for the ends of the range a day, or a time if not a whole day. */
    public String value(String name) {
        String v = filters.getOrDefault(name, "");
        if (v.isEmpty() || !name.equals("from") && !name.equals("to")) {
            return v;
        }
        Instant t = Instant.parse(v);
        Instant day = name.equals("to") ? t.plusMillis(1) : t;
        return day.equals(day.truncatedTo(ChronoUnit.DAYS)) ? Formats.day(t) : Formats.utc(t);
    }

    public boolean isFiltered() {
        return !filters.isEmpty();
    }

    static String queryString(Map<String, String> params) {
        return params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
