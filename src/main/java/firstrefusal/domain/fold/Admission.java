package firstrefusal.domain.fold;

import firstrefusal.domain.Words;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.MessageChecks;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;

/**
 * The checks a message must pass on its own, before anything is read (src/docs/contract.md, "Arrival"): its ranges, its
 * instant against its arrival, and the account EventBridge says sent it. Nothing on record can make a message that fails
 * them acceptable, so they run once, whatever the number of attempts to record it.
 */
final class Admission {

    private final Deployments deployments;

    Admission(Deployments deployments) {
        this.deployments = deployments;
    }

    /** @throws InvalidMessageException naming the field */
    void check(LogItem item) {
        if (item instanceof Delivery delivery) {
            MessageChecks.check(delivery.message());
            requireWithinSkew(delivery);
            requireHolderAccount(delivery);
        }
    }

    /**
     * A message whose own instant runs ahead of its arrival by more than the clock skew of the version in force then:
     * a sender cannot date a message into the future of when it reached the queue.
     */
    private void requireWithinSkew(Delivery delivery) {
        delivery.arrivedAt().ifPresent(arrival -> {
            Duration skew = deployments.current().policyAt(arrival).clockSkew();
            Instant own = delivery.message().at();
            if (own.isAfter(arrival.plus(skew))) {
                throw new InvalidMessageException(delivery.message().instantField(), "was " + own + ", later than its arrival at "
                        + arrival + " by more than the clock skew allowed (" + Words.duration(skew) + ")");
            }
        });
    }

    /**
     * A holder response that EventBridge delivered from an account (which no sender can forge) must come from the
     * holder's account of the version in force at its effective instant, when that version names one.
     */
    private void requireHolderAccount(Delivery delivery) {
        if (delivery.message() instanceof HolderResponse && delivery.account().isPresent()) {
            Policy policy = deployments.current().policyAt(delivery.effectiveAt());
            String account = delivery.account().get();
            if (!policy.acceptsHolderResponseFrom(account)) {
                throw new InvalidMessageException("account", "a Holder Response must come from the holder's account "
                        + policy.holderAccount().orElseThrow() + " (version " + policy.version() + ", in force at "
                        + delivery.effectiveAt() + "), was '" + account + "'");
            }
        }
    }
}
