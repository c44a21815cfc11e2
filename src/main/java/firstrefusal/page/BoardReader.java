package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.policy.Policy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what {@code /} and {@code /api/outstanding} show: the offers awaiting the holder, now or at a past instant. */
final class BoardReader {

    private final OfferStore store;
    private final Policy policy;
    private final Fold fold;
    private final Clock clock;
    private final StatusPageConfig config;

    BoardReader(OfferStore store, Policy policy, Fold fold, Clock clock, StatusPageConfig config) {
        this.store = store;
        this.policy = policy;
        this.fold = fold;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The board as of {@code ?asOf=} (default now). For a past instant it is reconstructed: each offer first received in
     * the lookback before it, folded from what had taken effect by then, and the decisions recorded up to then. One
     * provider alone ({@code ?provider=}) lists up to {@code rows-per-provider-alone} rows; the overview fewer.
     */
    Board read(Map<String, String> query) {
        Instant now = clock.instant();
        Instant asOf = Inputs.asOf(query, now);
        Optional<String> provider = DecisionFilters.provider(query, policy);
        boolean past = asOf.isBefore(now);
        List<Board.Pending> all = past ? pendingAt(asOf) : store.outstanding().stream().map(Board.Pending::of).toList();
        List<Board.Pending> pending = provider.map(p -> all.stream().filter(o -> o.offer().provider().equals(p)).toList()).orElse(all);
        DecisionQuery recentQuery = new DecisionQuery(provider, Optional.empty(), Optional.empty(), Optional.empty(),
                past ? Optional.of(asOf) : Optional.empty());
        List<Decision> recent = store.decisions(recentQuery, Optional.empty(), config.recentDecisions(), config.maxReadsPerPage())
                .entries().stream().map(HistoryEntry::decision).toList();
        int rows = provider.isEmpty() ? config.rowsPerProvider() : config.rowsPerProviderAlone();
        return Board.of(pending, recent, policy, fold, asOf, now, past, config.asOfLookback(),
                new Board.Layout(rows, config.dueWithin(), config.dueSoonRows()));
    }

    /** The offers awaiting the holder at a past instant, as their records show them then. */
    private List<Board.Pending> pendingAt(Instant asOf) {
        List<Board.Pending> pending = new java.util.ArrayList<>();
        boolean whole = store.forEachOfferReceived(Optional.of(asOf.minus(config.asOfLookback())), Optional.of(asOf),
                config.maxReplayOffers(), record -> {
                    Fold.Folded then = fold.at(record, asOf);
                    if (then.decision() != null && then.decision().status().isOutstanding()) {
                        pending.add(new Board.Pending(then.offer(), then.decision(), then.window(), Optional.empty()));
                    }
                });
        if (!whole) {
            throw new BadRequest("asOf", "more than " + Formats.thousands(config.maxReplayOffers()) + " offers were received in the "
                    + Formats.words(config.asOfLookback()) + " before it, more than one page may rebuild; the decision record "
                    + "(/decisions with from and to) shows that stretch");
        }
        return pending;
    }
}
