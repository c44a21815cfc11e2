package firstrefusal.domain.offer;

import java.util.List;

/**
 * What a clock tick did: the offers whose first refusal lapsed, those that expired, those the agreement released (AGI,
 * or an amendment), and those the holder was reminded of (each offer once, however many leads fell due); and what still
 * awaits the holder, as it read it.
 */
public record ClockSummary(List<String> lapsed, List<String> expired, List<String> released, List<String> reminded,
        Outstanding outstanding) {

    public ClockSummary {
        lapsed = List.copyOf(lapsed);
        expired = List.copyOf(expired);
        released = List.copyOf(released);
        reminded = List.copyOf(reminded);
    }

    public boolean isQuiet() {
        return lapsed.isEmpty() && expired.isEmpty() && released.isEmpty() && reminded.isEmpty();
    }
}
