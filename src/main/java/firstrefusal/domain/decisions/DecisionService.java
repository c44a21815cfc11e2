package firstrefusal.domain.decisions;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decision service: reads what is recorded, decides, and records the change before answering.
 * When another event changed the offer in between (a holder answer racing the clock), the write is
 * refused and the item is decided again against the new record, so exactly one outcome stands.
 */
public final class DecisionService {

    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

    private final Adjudicator adjudicator;
    private final OfferStore store;
    private final Deployments deployments;
    private final ReminderSchedule reminders;
    private final Consumer<HistoryEntry> recorded;
    private final Clock clock;
    private final java.util.List<ClockChore> chores;

    /** Without reminders, under a policy that was never amended. */
    public DecisionService(Policy policy, OfferStore store) {
        this(Agreement.of(policy), store, ReminderSchedule.NONE, entry -> { }, Clock.systemUTC());
    }

    /**
     * @param recorded told of every history entry once it is durable, whatever caused it (a message, a notice, the
     *                 clock): the one place that sees each decision recorded exactly once, as the operators' counts need
     * @param clock    when the product records what it writes ({@code recordedAt}); decisions never read it
     */
    public DecisionService(Agreement agreement, OfferStore store, ReminderSchedule reminders, Consumer<HistoryEntry> recorded,
            Clock clock) {
        this(Deployments.only(agreement), store, reminders, recorded, clock);
    }

    /** Under the deployments on record: every new message is judged under this process's own. */
    public DecisionService(Deployments deployments, OfferStore store, ReminderSchedule reminders, Consumer<HistoryEntry> recorded,
            Clock clock) {
        this(deployments, store, reminders, recorded, clock, java.util.List.of());
    }

    /** @param chores what each clock tick does after its pending offers, in order */
    public DecisionService(Deployments deployments, OfferStore store, ReminderSchedule reminders, Consumer<HistoryEntry> recorded,
            Clock clock, java.util.List<ClockChore> chores) {
        this.chores = java.util.List.copyOf(chores);
        this.adjudicator = new Adjudicator(deployments);
        this.store = store;
        this.deployments = deployments;
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
        Adjudicator.Checked checked = adjudicator.check(item); // once: a message bad in itself costs no read
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = adjudicator.decide(checked, store.load(item.offerId()), clock.instant());
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
     * whose deadline is within a reminder lead ({@link ClockTicks}).
     */
    public ClockSummary tick(ClockTick tick) {
        ClockSummary summary = new ClockTicks(adjudicator, store, reminders, recorded, clock).run(tick.now());
        chores.forEach(chore -> chore.onTick(tick.now()));
        return summary;
    }

    /** The agreement this process runs under. */
    public Agreement agreement() {
        return deployments.current();
    }

    public Deployments deployments() {
        return deployments;
    }

    /** Waits before the next attempt; gives up, failing the message, after {@value #MAX_ATTEMPTS} attempts or when interrupted. */
    static void backOff(int attempt, ConcurrentChangeException e) {
        if (attempt >= MAX_ATTEMPTS || !Backoff.pause(FIRST_BACKOFF, attempt)) {
            throw e;
        }
    }
}
