package firstrefusal.page;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import java.time.Duration;
import java.time.Instant;

/**
 * The holder's answer page for one link: the offer's terms at the window's revision, its deadline and the time left, the
 * decision so far, and what the page asks or says now. Nothing about any other offer.
 *
 * @param step       what the page shows: the two answers, the confirming step for one, the answer recorded, or why
 *                   nothing is asked any more
 * @param answer     the answer being confirmed, or recorded; null otherwise
 * @param csrf       the form's token, bound to the link
 * @param action     where the form posts: the link itself
 * @param message    what the page says above the terms, in words
 * @param decision   the offer's decision as it stands
 */
record AnswerView(Step step, String holderName, String providerName, CapacityOffer terms, Instant deadline, Duration timeLeft,
        Decision decision, Answer answer, String csrf, String action, String message) {

    /** What the answer page is showing. */
    enum Step {
        /** Match or decline? Two buttons, each to its confirming step. */
        ASKING,
        /** Confirm this answer: the form that records it. */
        CONFIRMING,
        /** The answer is on record: the decision that followed. */
        ANSWERED,
        /** Nothing to answer on this link any more: decided, or the terms changed. */
        CLOSED;

        public boolean asking() {
            return this == ASKING;
        }

        public boolean confirming() {
            return this == CONFIRMING;
        }
    }

    /** The answer being confirmed, in words: {@code match} or {@code decline}. */
    public String answerInWords() {
        return answer == null ? "" : answer == Answer.MATCH ? "match" : "decline";
    }

    public boolean timeLeftPositive() {
        return timeLeft != null && !timeLeft.isNegative() && !timeLeft.isZero();
    }
}
