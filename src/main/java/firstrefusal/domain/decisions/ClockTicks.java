package firstrefusal.domain.decisions;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outstanding;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.offer.Rule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One clock tick: what time decides for the pending offers, and the reminders due. One read of the pending offers
 * (never of decided ones) serves both, and the count of what awaits the holder. Every offer is tried; if any could not
 * be recorded the tick fails afterwards, so its redelivery finishes the rest.
 */
final class ClockTicks {

    private final Adjudicator adjudicator;
    private final OfferStore store;
    private final ReminderSchedule reminders;
    private final Consumer<HistoryEntry> recorded;
    private final Clock clock;

    ClockTicks(Adjudicator adjudicator, OfferStore store, ReminderSchedule reminders, Consumer<HistoryEntry> recorded, Clock clock) {
        this.adjudicator = adjudicator;
        this.store = store;
        this.reminders = reminders;
        this.recorded = recorded;
        this.clock = clock;
    }

    /**
     * Lapses, expires and releases every pending offer that is due at the tick's time, and reminds the holder of those
     * whose deadline is within a reminder lead. One read of the pending offers (never of decided ones) serves both,
     * and the count of what awaits the holder. Every offer is tried; if any could not be recorded the tick fails
     * afterwards, so its redelivery finishes the rest.
     */
    ClockSummary run(Instant now) {
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
                    (rule.is(Rule.Trait.EXPIRY) ? expired : rule.is(Rule.Trait.LAPSE) ? lapsed : released)
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
        againstLatest(pending, read -> {
            OfferState state = read;
            for (ReminderSchedule.Lead lead : reminders.dueFor(read, now)) {
                // Each reminder moves the offer's chain: the next one links to the head this one left.
                Optional<OfferState> after = store.recordReminder(Reminder.of(state, lead, now), state);
                if (after.isPresent()) {
                    state = after.get();
                    sent.set(true);
                }
            }
            return null;
        });
        return sent.get();
    }

    private Optional<Decision> decideByTime(OfferState due, Instant now) {
        if (adjudicator.clockNeedsRecord(due)) {
            return decideByTimeFromRecord(due.offerId(), now); // a release deployed after its window opened
        }
        if (adjudicator.onClock(due, now, now).isEmpty()) {
            return Optional.empty(); // read from the index: nothing due, nothing to write
        }
        Optional<Decision> decided = againstLatest(due, state -> adjudicator.onClock(state, now, clock.instant()).map(change -> {
            store.record(change);
            change.appended().forEach(recorded);
            return change.answer();
        }));
        return decided == null ? Optional.empty() : decided;
    }

    /**
     * What time decided for an offer that only its whole record can tell: a release deployed after its window opened
     * (src/docs/contract.md, "Configuration takes effect when it is deployed"). Read, folded up to the tick, recorded;
     * read again after a lost race.
     */
    private Optional<Decision> decideByTimeFromRecord(String offerId, Instant now) {
        for (int attempt = 1; ; attempt++) {
            Optional<OfferRecord> record = store.load(offerId);
            Optional<firstrefusal.domain.offer.Outcome.Changed> change = record.flatMap(r -> adjudicator.onClock(r, now, clock.instant()));
            if (change.isEmpty()) {
                return Optional.empty();
            }
            try {
                store.record(change.get());
                change.get().appended().forEach(recorded);
                return Optional.of(change.get().answer());
            } catch (ConcurrentChangeException e) {
                DecisionService.backOff(attempt, e);
            }
        }
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
                DecisionService.backOff(attempt, e);
                Optional<OfferRecord> fresh = store.load(found.offerId());
                if (fresh.isEmpty()) {
                    return null;
                }
                state = fresh.get().state();
            }
        }
    }
}
