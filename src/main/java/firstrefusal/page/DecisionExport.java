package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.OfferStore;
import java.util.Optional;

/**
 * {@code /decisions.csv}: every page of the record for a query, as one CSV, read within the bounds a visitor's request may
 * read (src/docs/contract.md, "Bounded reads"): at most {@code max-csv-rows} rows in at most {@code max-csv-reads} requests,
 * else a 400 that says how to narrow it.
 */
final class DecisionExport {

    /** A Lambda response holds at most 6 MB; the CSV stops well before, asking for a narrower range. */
    static final int MAX_CSV_CHARS = 5_000_000;
    private static final int CSV_PAGE = 1_000;

    private final OfferStore store;
    private final StatusPageConfig config;

    DecisionExport(OfferStore store, StatusPageConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * The CSV, or empty when it would be larger than a Lambda response can carry.
     *
     * @throws BadRequest when more decisions match than one export sends
     */
    Optional<String> csv(DecisionQuery query) {
        try (DecisionCsv csv = new DecisionCsv()) {
            Optional<String> after = Optional.empty();
            int rows = 0;
            int reads = 0;
            do {
                // Never more than one row past the bound: enough to know the export would exceed it.
                int want = Math.min(CSV_PAGE, config.maxCsvRows() - rows + 1);
                DecisionPage page = store.decisions(query, after, want, config.maxCsvReads() - reads);
                reads += page.reads();
                rows += page.entries().size();
                after = page.next();
                if (rows > config.maxCsvRows() || after.isPresent() && reads >= config.maxCsvReads()) {
                    throw new BadRequest(query.from().isPresent() ? "to" : "from", "more decisions match than one export "
                            + "sends (at most " + Formats.thousands(config.maxCsvRows()) + " rows, read in at most "
                            + Formats.thousands(config.maxCsvReads()) + " requests); narrow it with from and to (a quarter at a"
                            + " time, say) or with a filter");
                }
                page.entries().forEach(csv::add);
                if (csv.length() > MAX_CSV_CHARS) {
                    return Optional.empty();
                }
            } while (after.isPresent());
            return Optional.of(csv.text());
        }
    }
}
