package firstrefusal.policy;

/** A policy value that cannot be used; names the configuration key so start-up fails with a clear message. */
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
}
