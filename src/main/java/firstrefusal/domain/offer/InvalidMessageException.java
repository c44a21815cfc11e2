package firstrefusal.domain.offer;

/**
 * A message that cannot be decided: malformed, out of range, or in conflict with what is recorded.
 * Always names the field at fault. Nothing is written for such a message.
 */
public class InvalidMessageException extends RuntimeException {

    private final String field;

    public InvalidMessageException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
