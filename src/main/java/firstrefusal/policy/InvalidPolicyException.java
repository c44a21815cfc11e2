package firstrefusal.policy;

/** A policy value that cannot be used; names the configuration key so start-up fails with a clear message. */
public class InvalidPolicyException extends RuntimeException {

    private final String key;

    public InvalidPolicyException(String key, String problem) {
        super("Invalid policy: " + key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
