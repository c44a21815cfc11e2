package firstrefusal.domain.policy;

import java.util.Optional;

/**
 * A policy value that cannot be used. The domain names the term as the contract writes it ({@code first-refusal-window},
 * {@code exceptions[0].provider}) and, for a term of an amendment, the amendment itself ({@link #amendment}); whoever read
 * it from configuration turns that into its key ({@link #under}), so start-up fails naming the key.
 */
public class InvalidPolicyException extends RuntimeException {

    private final String key;
    private final String problem;
    private final Amendment amendment;

    public InvalidPolicyException(String key, String problem) {
        this(key, problem, null);
    }

    private InvalidPolicyException(String key, String problem, Amendment amendment) {
        super("Invalid policy: " + key + " " + problem);
        this.key = key;
        this.problem = problem;
        this.amendment = amendment;
    }

    /** The amendment whose term this is; empty for a term of the base policy. */
    public Optional<Amendment> amendment() {
        return Optional.ofNullable(amendment);
    }

    /** The same problem, as a term of {@code at}. */
    public InvalidPolicyException in(Amendment at) {
        return new InvalidPolicyException(key, problem, at);
    }

    public String key() {
        return key;
    }

    /** What is wrong with the value, without the key. */
    public String problem() {
        return problem;
    }

    /** The problem without the value it quotes ({@code must be a positive duration}), for a caller that echoes what was typed. */
    public String problemWithoutValue() {
        int was = problem.lastIndexOf(", was ");
        return was < 0 ? problem : problem.substring(0, was);
    }

    /** The same problem, its key under {@code prefix} ({@code policy.}, {@code policy.amendments[0].}): a configuration key. */
    public InvalidPolicyException under(String prefix) {
        return new InvalidPolicyException(prefix + key, problem);
    }
}
