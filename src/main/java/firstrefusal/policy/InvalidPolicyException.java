package firstrefusal.policy;

/**
 * A policy value that cannot be used. The domain names the term as the contract writes it ({@code first-refusal-window});
 * whoever read it from configuration puts its key's prefix in front ({@link #under}), so start-up fails naming the key.
 */
public class InvalidPolicyException extends RuntimeException {

    private final String key;
    private final String problem;

    public InvalidPolicyException(String key, String problem) {
        super("Invalid policy: " + key + " " + problem);
        this.key = key;
        this.problem = problem;
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

    /** The same problem, its key under {@code prefix} ({@code policy.}, {@code policy.amendments[0].}). */
    public InvalidPolicyException under(String prefix) {
        return new InvalidPolicyException(prefix + key, problem);
    }
}
