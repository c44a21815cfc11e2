package firstrefusal.offer;

import firstrefusal.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The decision service: reads what is recorded, decides, and records the change before answering.
 * When another event changed the offer in between (a holder answer racing the clock), the write is
 * refused and the message is decided again against the new state, so exactly one outcome stands.
 */
public final class OfferDecisions {

    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

    private final OfferDecider decider;
    private final OfferStore store;

    public OfferDecisions(Policy policy, OfferStore store) {
        this.decider = new OfferDecider(policy);
        this.store = store;
    }

    /** Decides one offer message; the returned decision is durable. */
    public Decision decide(OfferMessage message) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = decider.decide(message, store.load(message.offerId()));
            try {
                if (outcome instanceof Outcome.Changed change) {
                    store.record(change);
                }
                return outcome.answer();
            } catch (ConcurrentChangeException e) {
                backOff(attempt, e);
            }
        }
    }

    /**
     * Lapses and expires every pending offer that is due at the tick's time. Every due offer is tried;
     * if any could not be recorded the tick fails afterwards, so its redelivery finishes the rest.
     */
    public ClockSummary tick(ClockTick tick) {
        List<String> lapsed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        RuntimeException failure = null;
        for (OfferState due : store.due(tick.now())) {
            try {
                lapseOrExpire(due, tick).ifPresent(d -> (d.status() == Status.EXPIRED ? expired : lapsed).add(d.offerId()));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new ClockSummary(lapsed, expired);
    }

    private Optional<Decision> lapseOrExpire(OfferState due, ClockTick tick) {
        OfferState state = due;
        for (int attempt = 1; ; attempt++) {
            Optional<Outcome.Changed> change = decider.onClock(state, tick.now());
            if (change.isEmpty()) {
                return Optional.empty();
            }
            try {
                store.record(change.get());
                return Optional.of(change.get().answer());
            } catch (ConcurrentChangeException e) {
                backOff(attempt, e);
                // The index copy was stale or another event won: judge the offer as it now stands.
                Optional<OfferRecord> now = store.load(due.offerId());
                if (now.isEmpty()) {
                    return Optional.empty();
                }
                state = now.get().state();
            }
        }
    }

    /** Exponential backoff with full jitter; gives up, failing the message, after {@value #MAX_ATTEMPTS} attempts. */
    private static void backOff(int attempt, ConcurrentChangeException e) {
        if (attempt >= MAX_ATTEMPTS) {
            throw e;
        }
        long ceiling = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
