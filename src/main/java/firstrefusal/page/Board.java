package firstrefusal.page;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.OfferState;
import firstrefusal.policy.Policy;
import firstrefusal.policy.Provider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the status page shows: outstanding offers grouped by provider, providers ordered by
 * outstanding GPUs, and the recent decisions. Built once per request from pending offers only.
 */
public record Board(Instant asOf, List<ProviderGroup> providers, int offerCount, long gpus, BigDecimal megawatts,
        int atRiskCount, List<Decision> recent) {

    /**
     * One provider's outstanding offers, most urgent deadline first. The page lists the first
     * {@code rowLimit} of them (a page of 10,000 rows helps nobody); the totals count them all.
     */
    public record ProviderGroup(String id, String name, String kind, int count, long gpus, BigDecimal megawatts,
            List<Row> offers, int rowLimit) {

        public List<Row> shownOffers() {
            return offers.subList(0, Math.min(rowLimit, offers.size()));
        }

        public int hiddenCount() {
            return Math.max(0, offers.size() - rowLimit);
        }
    }

    /** One outstanding offer, with its time left against {@code asOf} (negative once the deadline has passed) and what to do. */
    public record Row(CapacityOffer offer, Decision decision, Duration timeLeft, String nextAction) {

        public boolean overdue() {
            return timeLeft.isNegative() || timeLeft.isZero();
        }
    }

    public static Board of(List<OfferState> outstanding, List<Decision> recent, Policy policy, Instant asOf, int rowLimit) {
        Map<String, List<Row>> byProvider = new LinkedHashMap<>();
        for (OfferState state : outstanding) {
            Duration left = Duration.between(asOf, state.decision().firstRefusalDeadline());
            byProvider.computeIfAbsent(state.offer().provider(), p -> new ArrayList<>())
                    .add(new Row(state.offer(), state.decision(), left, NextAction.of(state.decision(), state.offer(), policy, asOf)));
        }
        List<ProviderGroup> groups = new ArrayList<>();
        byProvider.forEach((id, rows) -> {
            rows.sort(Comparator.comparing((Row r) -> r.decision().firstRefusalDeadline()).thenComparing(r -> r.offer().offerId()));
            Provider provider = policy.provider(id).orElse(new Provider(id, id, null));
            groups.add(new ProviderGroup(id, provider.name(), provider.kind() == null ? "" : provider.kind().name(),
                    rows.size(), rows.stream().mapToLong(r -> r.offer().gpus()).sum(), megawatts(rows), List.copyOf(rows), rowLimit));
        });
        groups.sort(Comparator.comparingLong(ProviderGroup::gpus).reversed().thenComparing(ProviderGroup::id));
        int atRisk = (int) outstanding.stream().filter(s -> s.decision().atRisk()).count();
        return new Board(asOf, List.copyOf(groups), outstanding.size(), groups.stream().mapToLong(ProviderGroup::gpus).sum(),
                groups.stream().map(ProviderGroup::megawatts).reduce(BigDecimal.ZERO, BigDecimal::add), atRisk, List.copyOf(recent));
    }

    private static BigDecimal megawatts(List<Row> rows) {
        return rows.stream().map(r -> r.offer().megawatts()).filter(m -> m != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
