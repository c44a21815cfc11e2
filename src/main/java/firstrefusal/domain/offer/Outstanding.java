package firstrefusal.domain.offer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What awaits the holder at an instant: offers and GPUs, in all and by provider; how many are within a day of their
 * deadline; and how many are past a provisional deadline with no notice recorded (the holder may never have been told,
 * so nothing lapses them: someone must look). A clock tick takes it from the pending offers it reads anyway.
 */
public record Outstanding(int offers, long gpus, Map<String, Totals> byProvider, int dueWithinADay, int pastDeadlineWithoutNotice) {

    public record Totals(int offers, long gpus) {
    }

    public Outstanding {
        byProvider = Map.copyOf(byProvider);
    }

    public static Outstanding of(List<OfferState> pending, Instant now) {
        Map<String, Totals> byProvider = new TreeMap<>();
        int soon = 0;
        int unnoticed = 0;
        long gpus = 0;
        for (OfferState state : pending) {
            byProvider.merge(state.offer().provider(), new Totals(1, state.offer().gpus()),
                    (a, b) -> new Totals(a.offers() + b.offers(), Math.addExact(a.gpus(), b.gpus())));
            gpus = Math.addExact(gpus, state.offer().gpus());
            Instant deadline = state.decision().firstRefusalDeadline();
            if (!deadline.isAfter(now.plus(Duration.ofDays(1)))) {
                soon++;
            }
            if (state.awaitsNotice() && !deadline.isAfter(now)) {
                unnoticed++;
            }
        }
        return new Outstanding(pending.size(), gpus, byProvider, soon, unnoticed);
    }
}
