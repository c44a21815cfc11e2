package firstrefusal.offer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What awaits the holder at an instant: offers and GPUs, in all and by provider, and how many are within a day of
 * their deadline (the holder has not answered and the window closes soon). A clock tick takes it from the pending
 * offers it reads anyway, for the operators' metrics.
 */
public record Outstanding(int offers, long gpus, Map<String, Totals> byProvider, int dueWithinADay) {

    public record Totals(int offers, long gpus) {
    }

    public Outstanding {
        byProvider = Map.copyOf(byProvider);
    }

    public static Outstanding of(List<OfferState> pending, Instant now) {
        Map<String, Totals> byProvider = new TreeMap<>();
        int soon = 0;
        for (OfferState state : pending) {
            byProvider.merge(state.offer().provider(), new Totals(1, state.offer().gpus()),
                    (a, b) -> new Totals(a.offers() + b.offers(), a.gpus() + b.gpus()));
            if (!state.decision().firstRefusalDeadline().isAfter(now.plus(Duration.ofDays(1)))) {
                soon++;
            }
        }
        return new Outstanding(pending.size(), pending.stream().mapToLong(s -> s.offer().gpus()).sum(), byProvider, soon);
    }
}
