package firstrefusal.answer;

import java.util.Optional;

/**
 * A set of link keys that cannot be used. The domain says what is wrong and with what (one key, by its key id; the choice
 * of the signing key; or the set as a whole); the configuration layer turns that into its own key, so start-up fails
 * naming it. A key's value is never quoted, not even cut short: it is a secret.
 */
public final class InvalidLinkKeyException extends RuntimeException {

    /** What the problem is about. */
    public enum Subject {
        /** One key, named by {@link #kid()}. */
        KEY,
        /** Which key signs: absent where it must be named, or naming no key ({@link #kid()} is the name given). */
        SIGNING_KEY_ID,
        /** The keys as a whole: there are none. */
        KEYS
    }

    private final Subject subject;
    private final String kid;
    private final String problem;

    InvalidLinkKeyException(Subject subject, String kid, String problem) {
        super(subject + (kid == null ? "" : " " + kid) + ": " + problem);
        this.subject = subject;
        this.kid = kid;
        this.problem = problem;
    }

    public Subject subject() {
        return subject;
    }

    /** The key id at fault; empty when the problem is not about one key id. */
    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    /** What is wrong, without the key id or any configuration key. */
    public String problem() {
        return problem;
    }
}
