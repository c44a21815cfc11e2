package firstrefusal.offer;

import firstrefusal.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private final Policy policy;
    private final ReminderSchedule reminders;
    private final Consumer<HistoryEntry> recorded;

    /** Without reminders. */
    public OfferDecisions(Policy policy, OfferStore store) {
        this(policy, store, ReminderSchedule.NONE);
    }

    public OfferDecisions(Policy policy, OfferStore store, ReminderSchedule reminders) {
        this(policy, store, reminders, entry -> { });
    }

    /**
     * @param recorded told of every history entry once it is durable, whatever caused it (a message, or the clock):
     *                 the one place that sees each decision recorded exactly once, as the operators' counts need
     */
    public OfferDecisions(Policy policy, OfferStore store, ReminderSchedule reminders, Consumer<HistoryEntry> recorded) {
        this.decider = new OfferDecider(policy);
        this.store = store;
        this.policy = policy;
        this.reminders = reminders;
        this.recorded = recorded;
    }

    /** Decides one offer message; the returned decision is durable. */
    public Decision decide(OfferMessage message) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = decider.decide(message, store.load(message.offerId()));
            try {
                if (outcome instanceof Outcome.Changed change) {
                    store.record(change);
                    change.appended().forEach(recorded);
                }
                return outcome.answer();
            } catch (ConcurrentChangeException e) {
                backOff(attempt, e);
            }
        }
    }

    /**
     * Lapses and expires every pending offer that is due at the tick's time, and reminds the holder of those
     * whose deadline is within a reminder lead. One read of the pending offers (never of decided ones) serves both,
     * and the count of what awaits the holder. Every offer is tried; if any could not be recorded the tick fails
     * afterwards, so its redelivery finishes the rest.
     */
    public ClockSummary tick(ClockTick tick) {
        Instant now = tick.now();
        Instant lookAhead = reminders.leads().isEmpty() ? now : now.plus(reminders.horizon()).plus(policy.clockGrace());
        List<String> lapsed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> reminded = new ArrayList<>();
        RuntimeException failure = null;
        List<OfferState> outstanding = store.outstanding();
        for (OfferState pending : outstanding) {
            if (pending.dueAt().isAfter(lookAhead)) {
                continue; // neither due nor within a reminder lead: nothing to do yet
            }
            try {
                if (!pending.dueAt().isAfter(now)) {
                    lapseOrExpire(pending, tick).ifPresent(d -> (d.status() == Status.EXPIRED ? expired : lapsed).add(d.offerId()));
                } else if (remind(pending, now)) {
                    reminded.add(pending.offerId());
                }
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
        Set<String> decided = new HashSet<>(lapsed);
        decided.addAll(expired);
        List<OfferState> stillPending = outstanding.stream().filter(s -> !decided.contains(s.offerId())).toList();
        return new ClockSummary(lapsed, expired, reminded, Outstanding.of(stillPending, now));
    }

    /** Sends the reminders due for one pending offer; true if this tick sent any. */
    private boolean remind(OfferState pending, Instant now) {
        AtomicBoolean sent = new AtomicBoolean();
        againstLatest(pending, state -> {
            for (ReminderSchedule.Lead lead : reminders.dueFor(state, now)) {
                if (store.recordReminder(Reminder.of(state, lead, now))) {
                    sent.set(true);
                }
            }
            return null;
        });
        return sent.get();
    }

    private Optional<Decision> lapseOrExpire(OfferState due, ClockTick tick) {
        Optional<Decision> decided = againstLatest(due, state -> decider.onClock(state, tick.now()).map(change -> {
            store.record(change);
            change.appended().forEach(recorded);
            return change.answer();
        }));
        return decided == null ? Optional.empty() : decided;
    }

    /**
     * Applies {@code step} to an offer a clock tick found; when another event changed the offer first (or the
     * index copy was stale), reads it again and retries against the state as it now stands. Null if it is gone.
     */
    private <T> T againstLatest(OfferState found, Function<OfferState, T> step) {
        OfferState state = found;
        for (int attempt = 1; ; attempt++) {
            try {
                return step.apply(state);
            } catch (ConcurrentChangeException e) {
                backOff(attempt, e);
                Optional<OfferRecord> fresh = store.load(found.offerId());
                if (fresh.isEmpty()) {
                    return null;
                }
                state = fresh.get().state();
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
