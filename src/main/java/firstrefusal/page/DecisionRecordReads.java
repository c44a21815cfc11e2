package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.policy.Policy;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /decisions}, {@code /api/decisions} and {@code /decisions.csv} read: the record for the request's filters,
 * a page at a time behind signed cursors, or every page as one CSV.
 */
final class DecisionRecordReads {

    private final OfferStore store;
    private final Policy policy;
    private final StatusPageConfig config;
    private final Cursors cursors;
    private final DecisionExport export;

    DecisionRecordReads(OfferStore store, Policy policy, StatusPageConfig config, Cursors cursors) {
        this.store = store;
        this.policy = policy;
        this.config = config;
        this.cursors = cursors;
        this.export = new DecisionExport(store, config);
    }

    DecisionList list(Map<String, String> query) {
        DecisionQuery filters = DecisionFilters.read(query, policy);
        DecisionPage page = page(filters, query);
        return DecisionList.of(filters, page, page.next().map(p -> cursors.issue(filters, p)).orElse(null), policy);
    }

    String json(Map<String, String> query) {
        DecisionQuery filters = DecisionFilters.read(query, policy);
        DecisionPage page = page(filters, query);
        return PageJson.decisions(page.entries(), page.next().map(p -> cursors.issue(filters, p)).orElse(null));
    }

    /** Every page for these filters as one CSV; empty when it would be more than the page can send at once. */
    Optional<String> csv(Map<String, String> query) {
        return export.csv(DecisionFilters.read(query, policy));
    }

    private DecisionPage page(DecisionQuery filters, Map<String, String> query) {
        Optional<String> after = Optional.ofNullable(query.get("next")).filter(c -> !c.isBlank())
                .map(cursor -> cursors.open(filters, cursor));
        try {
            return store.decisions(filters, after, config.decisionsPerPage(), config.maxReadsPerPage());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("next", "is not a cursor this page gave out; start again from the first page");
        }
    }
}
