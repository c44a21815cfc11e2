package firstrefusal.offer;

import firstrefusal.policy.Agreement;
import firstrefusal.policy.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The decision service: reads what is recorded, decides, and records the change before answering.
 * When another event changed the offer in between (a holder answer racing the clock), the write is
 * refused and the item is decided again against the new record, so exactly one outcome stands.
 */
public final class OfferDecisions {

    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

    private final OfferDecider decider;
    private final OfferStore store;
    private final Agreement agreement;
    private final ReminderSchedule reminders;
    private final Consumer<HistoryEntry> recorded;
    private final Clock clock;

    /** Without reminders, under a policy that was never amended. */
    public OfferDecisions(Policy policy, OfferStore store) {
        this(Agreement.of(policy), store, ReminderSchedule.NONE, entry -> { }, Clock.systemUTC());
    }

    /**
     * @param recorded told of every history entry once it is durable, whatever caused it (a message, a notice, the
     *                 clock): the one place that sees each decision recorded exactly once, as the operators' counts need
     * @param clock    when the product records what it writes ({@code recordedAt}); decisions never read it
     */
    public OfferDecisions(Agreement agreement, OfferStore store, ReminderSchedule reminders, Consumer<HistoryEntry> recorded,
            Clock clock) {
        this.decider = new OfferDecider(agreement);
        this.store = store;
        this.agreement = agreement;
        this.reminders = reminders;
        this.recorded = recorded;
        this.clock = clock;
    }

    /** Decides one offer message given directly (no arrival); the returned decision is durable. */
    public Decision decide(OfferMessage message) {
        return decide(Delivery.direct(message));
    }

    /** Decides one delivered message; the returned decision is durable. */
    public Decision decide(Delivery delivery) {
        return record(delivery, RetryBudget.UNBOUNDED);
    }

    /**
     * Decides one delivered message, trying again after a lost race only while {@code budget} allows another attempt.
     *
     * @throws ConcurrentChangeException when the last attempt allowed lost its race; nothing was written
     */
    public Decision decide(Delivery delivery, RetryBudget budget) {
        return record(delivery, budget);
    }

    /**
     * Records that the holder was told of a window (from {@code notify}, once {@code PutEvents} accepted the notice).
     * A notice recorded before changes nothing.
     */
    public Decision noticeSent(Notice notice) {
        return record(notice, RetryBudget.UNBOUNDED);
    }

    /** When the holder was told of window {@code revision}, if a notice is on record: a redelivered notice says the same. */
    public Optional<Instant> noticeOnRecord(String offerId, int revision) {
        return store.load(offerId).flatMap(r -> r.kept(new Notice(offerId, revision, Instant.EPOCH).key()))
                .map(k -> ((Notice) k.item()).sentAt());
    }

    private Decision record(LogItem item, RetryBudget budget) {
        decider.check(item); // a message bad in itself costs no read
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = decider.decide(item, store.load(item.offerId()), clock.instant());
            try {
                if (outcome instanceof Outcome.Changed change) {
                    store.record(change);
                    change.appended().forEach(recorded);
                }
                return outcome.answer();
            } catch (ConcurrentChangeException e) {
                backOff(attempt, e);
                if (!budget.allowsAnotherAttempt()) { // asked after the backoff: the attempt starts now
                    throw e;
                }
            }
        }
    }

    /**
     * Lapses, expires and releases every pending offer that is due at the tick's time, and reminds the holder of those
     * whose deadline is within a reminder lead. One read of the pending offers (never of decided ones) serves both,
     * and the count of what awaits the holder. Every offer is tried; if any could not be recorded the tick fails
     * afterwards, so its redelivery finishes the rest.
     */
    public ClockSummary tick(ClockTick tick) {
        Instant now = tick.now();
        List<String> lapsed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> released = new ArrayList<>();
        List<String> reminded = new ArrayList<>();
        RuntimeException failure = null;
        List<OfferState> outstanding = store.outstanding();
        for (OfferState pending : outstanding) {
            try {
                Optional<Decision> decided = decideByTime(pending, now);
                if (decided.isPresent()) {
                    Rule rule = decided.get().rule();
                    (rule == Rule.OFFER_EXPIRED ? expired : rule == Rule.FIRST_REFUSAL_LAPSED ? lapsed : released)
                            .add(pending.offerId());
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
        decided.addAll(released);
        List<OfferState> stillPending = outstanding.stream().filter(s -> !decided.contains(s.offerId())).toList();
        return new ClockSummary(lapsed, expired, released, reminded, Outstanding.of(stillPending, now));
    }

    /** Sends the reminders due for one pending offer; true if this tick sent any. */
    private boolean remind(OfferState pending, Instant now) {
        if (reminders.dueFor(pending, now).isEmpty()) {
            return false;
        }
        AtomicBoolean sent = new AtomicBoolean();
        againstLatest(pending, state -> {
            for (ReminderSchedule.Lead lead : reminders.dueFor(state, now)) {
                if (store.recordReminder(Reminder.of(state, lead, now), state.version())) {
                    sent.set(true);
                }
            }
            return null;
        });
        return sent.get();
    }

    private Optional<Decision> decideByTime(OfferState due, Instant now) {
        if (decider.onClock(due, now, now).isEmpty()) {
            return Optional.empty(); // read from the index: nothing due, nothing to write
        }
        Optional<Decision> decided = againstLatest(due, state -> decider.onClock(state, now, clock.instant()).map(change -> {
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

    public Agreement agreement() {
        return agreement;
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
