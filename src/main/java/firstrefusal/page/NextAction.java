package firstrefusal.page;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.time.Instant;
import java.util.Optional;

/**
 * What a person should do about a pending offer, as of an instant: one sentence under each pending offer and on its page.
 * What time decides (an expiry, a lapse, a release) comes from the {@link Fold}, as the decider and the clock see it;
 * this only words it.
 */
final class NextAction {

    private NextAction() {
    }

    /**
     * @param next what time decides next for the offer, if anything ({@link Fold#nextByTime})
     * @param now  when the page is read: something time decided by then, the clock records at its next tick
     */
    static String of(Board.Pending p, Optional<Fold.Step> next, Policy policy, Instant asOf, Instant now) {
        String holder = name(policy, policy.holder());
        String provider = name(policy, p.offer().provider());
        Instant deadline = p.decision().firstRefusalDeadline();
        Optional<Fold.Step> decided = next.filter(s -> !s.decision().decidedAt().isAfter(asOf));
        if (decided.isPresent()) {
            return byTime(decided.get().decision(), holder, provider, p.window().clockGrace(), now, Optional.empty());
        }
        if (p.window() != null && p.window().isProvisional()) {
            return holder + " has not been told of this offer yet. Its window counts from the notice, so the deadline of "
                    + Formats.utc(deadline) + " is provisional, and nothing lapses the offer before the notice is recorded."
                    + expiresFirst(next);
        }
        String line = holder + " must MATCH or DECLINE by " + Formats.utc(deadline) + "; otherwise " + provider
                + "'s offer is free to take.";
        return line + expiresFirst(next) + releasedFirst(next);
    }

    /** Why nothing is left to do about an offer that is no longer pending. */
    static String settled(Decision decision, Policy policy) {
        String holder = name(policy, policy.holder());
        String provider = name(policy, decision.provider());
        return switch (decision.status()) {
            case APPROVED -> "Nothing to wait for: the buyer may take " + provider + "'s offer.";
            case MATCHED_BY_HOLDER -> holder + " takes this capacity on " + provider + "'s terms.";
            case REJECTED -> "The buyer may not take this capacity from " + provider + ".";
            case EXPIRED -> "Nothing to do: the offer expired.";
            case WITHDRAWN -> "Nothing to do: " + provider + " withdrew the offer.";
            case PENDING_FIRST_REFUSAL -> throw new IllegalArgumentException("a pending offer is not settled");
        };
    }

    /**
     * An offer that time had decided by a past instant shown (its own expiry, a lapse, a release): when, and whether the
     * record holds it yet ({@code recordedAt}: when it was written) or the clock records it at its next tick.
     */
    static String decidedByTime(Decision d, Policy policy, java.time.Duration grace, Instant now, Optional<Instant> recordedAt) {
        return byTime(d, name(policy, policy.holder()), name(policy, d.provider()), grace, now, recordedAt);
    }

    /** What time decided by {@code asOf}; the record shows it once the clock has ticked past its due instant. */
    private static String byTime(Decision d, String holder, String provider, java.time.Duration grace, Instant now,
            Optional<Instant> recordedAt) {
        Instant at = d.decidedAt();
        boolean past = !at.isAfter(now);
        String said = switch (d.rule()) {
            case OFFER_EXPIRED -> past
                    ? provider + "'s offer expired at " + Formats.utc(at) + ", the end of its own validity, before " + holder
                            + " answered: there is nothing left to decide."
                    : "Unless " + holder + " answers first, " + provider + "'s offer expires at " + Formats.utc(at)
                            + ", the end of its own validity.";
            case FIRST_REFUSAL_LAPSED -> past
                    ? holder + "'s window closed at " + Formats.utc(at) + " without an answer: first refusal lapsed, and "
                            + provider + "'s offer is free to take."
                    : "Unless " + holder + " answers by " + Formats.utc(at) + ", first refusal lapses then, and " + provider
                            + "'s offer is free to take.";
            case AGI_DECLARED -> (past ? "AGI was declared at " : "AGI is declared at ") + Formats.utc(at)
                    + ": first refusal ends then, and " + provider + "'s offer is free to take.";
            default -> (past ? "Version " + d.policyVersion() + " of the agreement took effect at "
                    : "Version " + d.policyVersion() + " of the agreement takes effect at ") + Formats.utc(at)
                    + " and releases the offers pending then: " + provider + "'s offer is free to take.";
        };
        if (!past) {
            return said;
        }
        if (recordedAt.isPresent()) {
            return said + " The record holds it since " + Formats.utc(recordedAt.get()) + ".";
        }
        Instant due = d.rule().is(Rule.Trait.LAPSE) ? at.plus(grace) : at;
        return said + (due.isAfter(now) ? " The clock records it at its first tick after " + Formats.utc(due) + "."
                : " The clock records it at its next tick.");
    }

    private static String expiresFirst(Optional<Fold.Step> next) {
        return next.filter(s -> s.decision().rule().is(Rule.Trait.EXPIRY))
                .map(s -> " At risk: the offer itself is valid only until " + Formats.utc(s.decision().decidedAt())
                        + ", before that deadline.")
                .orElse("");
    }

    private static String releasedFirst(Optional<Fold.Step> next) {
        return next.filter(s -> s.decision().rule().is(Rule.Trait.RELEASE))
                .map(s -> " The agreement releases it at " + Formats.utc(s.decision().decidedAt()) + ", before that deadline.")
                .orElse("");
    }

    private static String name(Policy policy, String providerId) {
        return policy.provider(providerId).map(Provider::name).orElse(providerId);
    }
}
