package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import java.time.Instant;
import java.util.Optional;

/**
 * Which recorded decisions to list, newest first: any of provider, status and rule, and a range of
 * {@code decidedAt} (both ends inclusive). Every filter is optional; none lists every decision.
 */
public record DecisionQuery(Optional<String> provider, Optional<Status> status, Optional<Rule> rule,
        Optional<Instant> from, Optional<Instant> to) {

    public static DecisionQuery all() {
        return new DecisionQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static DecisionQuery ofProvider(Optional<String> provider) {
        return new DecisionQuery(provider, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The filters as one line of text: two queries are the same query when their texts are equal. */
    public String canonical() {
        return String.join("|", provider.orElse(""), status.map(Enum::name).orElse(""), rule.map(Enum::name).orElse(""),
                from.map(Instant::toString).orElse(""), to.map(Instant::toString).orElse(""));
    }
}
