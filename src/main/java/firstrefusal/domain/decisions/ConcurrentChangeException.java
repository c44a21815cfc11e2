package firstrefusal.domain.decisions;

/** The offer changed between reading and writing it (or the write collided with another): decide again. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String offerId, Throwable cause) {
        super("offer " + offerId + " changed concurrently", cause);
    }
}
