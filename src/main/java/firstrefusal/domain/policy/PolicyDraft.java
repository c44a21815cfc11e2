package firstrefusal.domain.policy;

import firstrefusal.domain.Echo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A draft agreement: the policy in force with some terms changed, for a what-if. The scalar keys are those of the
 * policy ({@code first-refusal-window}, {@code agi-declared-at}, ...); {@code exception=<provider>:<offerId>} adds a
 * pre-approved exception. The draft is validated as the configuration is, by the same {@link Policy} checks, and
 * every error names the key as the draft wrote it.
 */
public final class PolicyDraft {

    /** The keys a draft may change, in the order a form shows them. */
    public static final List<String> KEYS = List.of("first-refusal-window", "agi-declared-at", "term-ends", "clock-grace",
            "material-change.price-drop-percent", "material-change.capacity-increase-percent");
    public static final String EXCEPTION = "exception";

    private PolicyDraft() {
    }

    /**
     * The policy with these overrides (key to value, keys of {@link #KEYS}) and added exceptions.
     *
     * @throws InvalidPolicyException naming the draft key ({@code first-refusal-window}, {@code exception}) at fault
     */
    public static Policy apply(Policy policy, Map<String, String> overrides, List<String> exceptions) {
        for (String key : overrides.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidPolicyException(key, "is not a term a draft may change; one of " + String.join(", ", KEYS)
                        + ", or " + EXCEPTION + "=<provider>:<offerId>");
            }
        }
        List<PreApproval> added = new ArrayList<>(policy.exceptions());
        for (int i = 0; i < exceptions.size(); i++) {
            String[] parts = exceptions.get(i).split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new InvalidPolicyException(EXCEPTION, "must be <provider>:<offerId>, such as google:google-omaha-1, was '"
                        + exceptions.get(i) + "'");
            }
            if (policy.provider(parts[0].trim()).isEmpty()) {
                throw new InvalidPolicyException(EXCEPTION, "'" + parts[0].trim() + "' is not one of the providers "
                        + policy.providers().keySet().stream().sorted().toList());
            }
            added.add(new PreApproval("draft-" + (i + 1), parts[0].trim(), Set.of(parts[1].trim())));
        }
        Policy.Builder draft = policy.toBuilder().exceptions(added);
        value(overrides, "term-ends", LocalDate::parse, "a date such as 2030-12-31").ifPresent(draft::termEnds);
        value(overrides, "first-refusal-window", Duration::parse, "an ISO-8601 duration such as P7D").ifPresent(draft::firstRefusalWindow);
        value(overrides, "material-change.price-drop-percent", BigDecimal::new, "a number such as 5").ifPresent(draft::priceDropPercent);
        value(overrides, "material-change.capacity-increase-percent", BigDecimal::new, "a number such as 10")
                .ifPresent(draft::capacityIncreasePercent);
        if (overrides.containsKey("agi-declared-at")) {
            draft.agiDeclaredAt(value(overrides, "agi-declared-at", Instant::parse, "an ISO-8601 UTC instant such as 2026-06-01T00:00:00Z"));
        }
        value(overrides, "clock-grace", Duration::parse, "an ISO-8601 duration such as PT10M").ifPresent(draft::clockGrace);
        try {
            return draft.build();
        } catch (InvalidPolicyException e) {
            // The same check as at start-up, which names the term as the draft does; an exception is "exception".
            throw e.key().startsWith("exceptions") ? new InvalidPolicyException(EXCEPTION, e.problem()) : e;
        }
    }

    private static <T> Optional<T> value(Map<String, String> overrides, String key, Function<String, T> parse, String expected) {
        String text = overrides.get(key);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidPolicyException(key, "must be " + expected + ", was " + Echo.quoted(text));
        }
    }
}
