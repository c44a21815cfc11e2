package firstrefusal.domain.offer;

import firstrefusal.support.InMemoryRecords;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the pure {@link Adjudicator} over one offer's log items in the order given (processing order, not event
 * order), keeping the record a store would hold after each change. Domain-level only: the storage tests use DynamoDB
 * Local. Each write is stamped as recorded at the instant of the item that caused it.
 */
final class OfferTimeline {

    private final Adjudicator decider;
    private OfferRecord record;
    private int writes;
    private Decision lastAnswer;

    OfferTimeline(Policy policy) {
        this(Agreement.of(policy));
    }

    OfferTimeline(Agreement agreement) {
        this.decider = new Adjudicator(agreement);
    }

    /** A message invoked directly: no arrival. */
    Decision send(OfferMessage message) {
        return send(Delivery.direct(message));
    }

    /** A message that reached the queue at {@code arrivedAt}. */
    Decision send(OfferMessage message, Instant arrivedAt) {
        return send(new Delivery(message, Optional.of(arrivedAt)));
    }

    Decision send(LogItem item) {
        Outcome outcome = decider.decide(item, Optional.ofNullable(record), item.effectiveAt());
        if (outcome instanceof Outcome.Changed change) {
            apply(change);
        }
        lastAnswer = outcome.answer();
        return lastAnswer;
    }

    /** The holder told of the window revision {@code revision} opened, at {@code at}. */
    Decision notice(int revision, Instant at) {
        return send(new Notice(record.state().offerId(), revision, at));
    }

    /** A clock tick; empty when it changes nothing. */
    Optional<Decision> tick(Instant now) {
        Optional<Outcome.Changed> change = decider.onClock(record.state(), now, now);
        change.ifPresent(c -> {
            apply(c);
            lastAnswer = c.answer();
        });
        return change.map(Outcome.Changed::answer);
    }

    OfferRecord record() {
        return record;
    }

    Decision current() {
        return record.state().decision();
    }

    /** The answer to the last message, or the decision of the last tick that changed something. */
    Decision lastAnswer() {
        return lastAnswer;
    }

    int writes() {
        return writes;
    }

    private void apply(Outcome.Changed change) {
        long expected = record == null ? 0 : record.state().version();
        if (change.expectedVersion() != expected) {
            throw new AssertionError("change decided on version " + change.expectedVersion() + ", record at " + expected);
        }
        record = InMemoryRecords.after(record, change);
        writes++;
    }
}
