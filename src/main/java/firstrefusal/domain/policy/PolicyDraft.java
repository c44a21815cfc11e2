package firstrefusal.domain.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A draft agreement: the policy in force with some terms changed, for a what-if. The keys are the names of the
 * {@link Terms#drafted drafted terms} ({@code first-refusal-window}, {@code agi-declared-at}, ...);
 * {@code exception=<provider>:<offerId>} adds a pre-approved exception. The draft is validated as the configuration is,
 * by the same {@link Policy} checks, and every error names the key as the draft wrote it.
 */
public final class PolicyDraft {

    public static final String EXCEPTION = "exception";

    private PolicyDraft() {
    }

    /**
     * The policy with these overrides (a drafted term's name to its value as text) and added exceptions.
     *
     * @throws InvalidPolicyException naming the draft key ({@code first-refusal-window}, {@code exception}) at fault
     */
    public static Policy apply(Policy policy, Map<String, String> overrides, List<String> exceptions) {
        for (String key : overrides.keySet()) {
            if (Terms.drafted(key).isEmpty()) {
                throw new InvalidPolicyException(key, "is not a term a draft may change; one of "
                        + String.join(", ", Terms.drafted().stream().map(Term::name).toList())
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
        for (Term<?> term : Terms.drafted()) {
            if (overrides.containsKey(term.name())) {
                draft.parse(term, overrides.get(term.name()));
            }
        }
        try {
            return draft.build();
        } catch (InvalidPolicyException e) {
            // The same check as at start-up, which names the term as the draft does; an exception is "exception".
            throw e.key().startsWith("exceptions") ? new InvalidPolicyException(EXCEPTION, e.problem()) : e;
        }
    }
}
