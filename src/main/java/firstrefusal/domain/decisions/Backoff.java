package firstrefusal.domain.decisions;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before attempt n + 1, a random wait between nothing and {@code first} × 2^(n-1)
 * (doubling at most six times), so writers that lost a race, or calls that were throttled, do not retry in step.
 */
public final class Backoff {

    private static final int MAX_DOUBLINGS = 6;

    private Backoff() {
    }

    /**
     * Waits after failed attempt {@code attempt} (1 for the first).
     *
     * @return false when the wait was interrupted (the thread's interrupt flag is set again): the caller gives up
     */
    public static boolean pause(Duration first, int attempt) {
        long ceiling = first.toMillis() << Math.min(attempt - 1, MAX_DOUBLINGS);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
