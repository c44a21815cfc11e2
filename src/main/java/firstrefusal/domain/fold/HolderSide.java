package firstrefusal.domain.fold;

import firstrefusal.domain.fold.Judge.Moved;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.PendingOfferRules;
import firstrefusal.domain.offer.Rule.Trait;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;

/**
 * The steps of the holder's side of a window (src/docs/contract.md, "While pending" and "No lapse without notice"): the
 * holder told of it, and the holder's answer. Each takes where the offer stands and returns where it stands next.
 */
final class HolderSide {

    private final Instant firstRevisionAt;

    /** @param firstRevisionAt when the first revision takes effect, if the log holds it */
    HolderSide(Instant firstRevisionAt) {
        this.firstRevisionAt = firstRevisionAt;
    }

    /** A holder answer: in time while pending; late once the window lapsed; refused otherwise. */
    Moved answered(Standing s, HolderResponse r, Instant t, Policy policy) {
        if (!policy.isHolder(r.responder())) {
            throw new InvalidMessageException("responder", "only the holder '" + policy.holder()
                    + "' has first refusal, was '" + r.responder() + "'");
        }
        Judge.requireOffer(s, r.offerId(), t, firstRevisionAt);
        Window window = s.window();
        if (window == null) {
            throw new InvalidMessageException("offerId", "offer " + r.offerId() + " is " + Judge.describe(s.decision())
                    + " and has no first-refusal window in force");
        }
        boolean pending = s.decision().status().isOutstanding();
        boolean lapsed = s.basis().rule().is(Trait.LAPSE);
        if ((pending || lapsed) && r.revision() != null && r.revision() != window.revision()) {
            throw new InvalidMessageException("revision", "the window in force at " + t + " was opened by revision "
                    + window.revision() + " of offer " + r.offerId() + "; an answer to revision " + r.revision()
                    + " does not answer it");
        }
        if (pending) {
            // A match binds the terms of the revision that opened the window: the offer then stands on that revision.
            boolean match = r.answer() == Answer.MATCH;
            CapacityOffer terms = match ? s.revision(window.revision()) : s.offer();
            Decision d = match ? PendingOfferRules.holderMatched(terms, window, t) : PendingOfferRules.holderDeclined(terms, window, t);
            return Moved.decided(s, new Fold.Step(d, terms, r.key(), window));
        }
        if (lapsed) {
            return Moved.unmoved(s, new Fold.Verdict.Late(s.basis()));
        }
        throw new InvalidMessageException("offerId", "offer " + r.offerId() + " is " + Judge.describe(s.decision())
                + "; this answer at " + t + " comes after that, and a holder answer applies only while first refusal is"
                + " pending or after it lapsed");
    }

    /**
     * The holder was told of window {@code revision}. A notice that comes before its window opens in event time
     * (the provider's clock ran ahead) counts from the opening.
     */
    Moved told(Standing s, Notice n) {
        Window window = s.window();
        if (!s.hasOffer()) {
            // Told before the offer takes effect (a receipt dated ahead, taken as given): the notice counts from the opening.
            return Moved.applied(s.toldEarly(n.revision(), n.sentAt()));
        }
        if (window != null && window.revision() == n.revision() && window.noticedAt().isEmpty()) {
            Window noticed = window.noticed(n.sentAt().isBefore(window.openedAt()) ? window.openedAt() : n.sentAt());
            if (s.decision().status().isOutstanding() && noticed.noticedLate()) {
                return Moved.decided(s, new Fold.Step(PendingOfferRules.noticeLate(s.offer(), noticed), s.offer(), n.key(), noticed));
            }
            return Moved.applied(s.noticed(noticed));
        }
        if (window == null || n.revision() > window.revision()) {
            return Moved.applied(s.toldEarly(n.revision(), n.sentAt()));
        }
        return Moved.applied(s);
    }
}
