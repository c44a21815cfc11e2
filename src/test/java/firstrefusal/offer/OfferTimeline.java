package firstrefusal.offer;

import firstrefusal.policy.Policy;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the pure {@link OfferDecider} over one offer's messages in arrival order, keeping the record a
 * store would hold after each change. Domain-level only: the storage tests use DynamoDB Local.
 */
final class OfferTimeline {

    private final OfferDecider decider;
    private OfferRecord record;
    private int writes;
    private Decision lastAnswer;

    OfferTimeline(Policy policy) {
        this.decider = new OfferDecider(policy);
    }

    Decision send(OfferMessage message) {
        Outcome outcome = decider.decide(message, Optional.ofNullable(record));
        if (outcome instanceof Outcome.Changed change) {
            apply(change);
        }
        lastAnswer = outcome.answer();
        return lastAnswer;
    }

    /** A clock tick; empty when it changes nothing. */
    Optional<Decision> tick(Instant now) {
        Optional<Outcome.Changed> change = decider.onClock(record.state(), now);
        change.ifPresent(c -> {
            apply(c);
            lastAnswer = c.answer();
        });
        return change.map(Outcome.Changed::answer);
    }

    OfferRecord record() {
        return record;
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
        record = OfferRecord.after(record, change);
        writes++;
    }
}
