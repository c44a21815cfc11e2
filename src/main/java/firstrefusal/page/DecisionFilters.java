package firstrefusal.page;

import firstrefusal.domain.RefusedValue;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The filters of the decision record ({@code /decisions}, {@code /api/decisions}, {@code /decisions.csv}) read from
 * the query string: {@code provider}, {@code status}, {@code rule} (any letter case), {@code from} and {@code to}
 * (a day, meaning that whole day in UTC, or an instant, see {@link Inputs#instant}). Anything it cannot read is a
 * {@link BadRequest} naming it and echoing what was typed.
 */
final class DecisionFilters {

    private DecisionFilters() {
    }

    static DecisionQuery read(Map<String, String> query, Policy policy) {
        Optional<String> fromText = Inputs.param(query, "from");
        Optional<String> toText = Inputs.param(query, "to");
        Optional<Instant> from = fromText.map(v -> Inputs.instant("from", v, false));
        Optional<Instant> to = toText.map(v -> Inputs.instant("to", v, true));
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new BadRequest("to", "must not be before from (" + fromText.get() + "), was " + RefusedValue.quoted(toText.get()));
        }
        return new DecisionQuery(provider(query, policy), Inputs.param(query, "status").map(v -> choice("status", v, Status.class)),
                Inputs.param(query, "rule").map(v -> choice("rule", v, Rule.class)), from, to);
    }

    /** {@code ?provider=} as a provider id of the policy, whatever its letter case; an unknown one lists the valid ids. */
    static Optional<String> provider(Map<String, String> query, Policy policy) {
        return Inputs.param(query, "provider").map(raw -> policy.providers().keySet().stream()
                .filter(id -> id.equalsIgnoreCase(raw))
                .findFirst()
                .orElseThrow(() -> new BadRequest("provider", RefusedValue.quoted(raw) + " is not a provider of the policy; one of "
                        + policy.providers().values().stream().sorted(Comparator.comparing(Provider::id))
                                .map(p -> p.id() + " (" + p.name() + ")").collect(Collectors.joining(", ")))));
    }

    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new BadRequest(name, RefusedValue.quoted(value) + " is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
