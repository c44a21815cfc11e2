package firstrefusal.offer;

import java.util.List;

/** What a clock tick did: the offers whose first refusal lapsed, and those that expired. */
public record ClockSummary(List<String> lapsed, List<String> expired) {

    public ClockSummary {
        lapsed = List.copyOf(lapsed);
        expired = List.copyOf(expired);
    }
}
