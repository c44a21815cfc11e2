package firstrefusal.page;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.policy.Policy;
import firstrefusal.policy.Provider;
import java.time.Instant;

/** What a person should do about an offer, or why nothing: one sentence under each pending offer and on its page. */
final class NextAction {

    private NextAction() {
    }

    static String of(Decision decision, CapacityOffer offer, Policy policy, Instant asOf) {
        String holder = name(policy, policy.holder());
        String provider = name(policy, offer.provider());
        return switch (decision.status()) {
            case PENDING_FIRST_REFUSAL -> {
                Instant deadline = decision.firstRefusalDeadline();
                if (!deadline.isAfter(asOf)) {
                    yield holder + "'s window closed at " + Formats.utc(deadline) + " without an answer; the next clock tick "
                            + "records the lapse, and " + provider + "'s offer is then free to take.";
                }
                String line = holder + " must MATCH or DECLINE by " + Formats.utc(deadline) + "; otherwise " + provider
                        + "'s offer is free to take.";
                yield decision.atRisk() ? line + " At risk: the offer itself is valid only until "
                        + Formats.utc(offer.validUntil()) + ", before that deadline." : line;
            }
            case APPROVED -> "Nothing to wait for: the buyer may take " + provider + "'s offer.";
            case MATCHED_BY_HOLDER -> holder + " takes this capacity on " + provider + "'s terms.";
            case REJECTED -> "The buyer may not take this capacity from " + provider + ".";
            case EXPIRED -> "Nothing to do: the offer expired.";
            case WITHDRAWN -> "Nothing to do: " + provider + " withdrew the offer.";
        };
    }

    private static String name(Policy policy, String providerId) {
        return policy.provider(providerId).map(Provider::name).orElse(providerId);
    }
}
