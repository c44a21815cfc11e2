package firstrefusal.page;

import firstrefusal.offer.DecisionQuery;
import firstrefusal.offer.Rule;
import firstrefusal.offer.Status;
import firstrefusal.policy.Policy;
import firstrefusal.policy.Provider;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The filters of the decision record ({@code /decisions}, {@code /api/decisions}, {@code /decisions.csv}) read from
 * the query string: {@code provider}, {@code status}, {@code rule} (any letter case), {@code from} and {@code to}
 * (a date, meaning that whole day in UTC, or an instant). Anything it cannot read is a {@link BadRequest} naming it.
 */
final class DecisionFilters {

    private DecisionFilters() {
    }

    static DecisionQuery read(Map<String, String> query, Policy policy) {
        Optional<Instant> from = param(query, "from").map(v -> instant("from", v, false));
        Optional<Instant> to = param(query, "to").map(v -> instant("to", v, true));
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new BadRequest("to", "must not be before from (" + from.get() + "), was " + to.get());
        }
        return new DecisionQuery(provider(query, policy), param(query, "status").map(v -> choice("status", v, Status.class)),
                param(query, "rule").map(v -> choice("rule", v, Rule.class)), from, to);
    }

    /** {@code ?provider=} as a provider id of the policy, whatever its letter case; an unknown one lists the valid ids. */
    static Optional<String> provider(Map<String, String> query, Policy policy) {
        return param(query, "provider").map(raw -> policy.providers().keySet().stream()
                .filter(id -> id.equalsIgnoreCase(raw.trim()))
                .findFirst()
                .orElseThrow(() -> new BadRequest("provider", "'" + shorten(raw) + "' is not a provider of the policy; one of "
                        + policy.providers().values().stream().sorted(java.util.Comparator.comparing(Provider::id))
                                .map(p -> p.id() + " (" + p.name() + ")").collect(Collectors.joining(", ")))));
    }

    static Optional<String> param(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    /** A date (that whole UTC day: its start, or with {@code endOfDay} its last millisecond) or an instant. */
    static Instant instant(String name, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, "must be a date such as 2026-12-01 or an ISO-8601 UTC instant such as "
                    + "2026-12-01T15:00:00Z, was '" + shorten(value) + "'");
        }
    }

    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new BadRequest(name, "'" + shorten(value) + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    static String shorten(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
