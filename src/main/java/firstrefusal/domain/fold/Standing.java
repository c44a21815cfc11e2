package firstrefusal.domain.fold;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an offer stands between two items of its fold. Immutable: each step of the fold ({@link Judge}) takes one and
 * returns the next, and nothing else changes it.
 *
 * @param offer        the revision the decision in force rests on: the latest one received, but for a match, which binds
 *                     the revision that opened the window; null before the first revision
 * @param decision     the decision in force; null before the first revision
 * @param basis        the last decision that set the status: one that carries the status forward (a non-material
 *                     revision, a late notice) leaves it as it was
 * @param window       the window in force, or the last one once decided; null when none is (never opened, or the offer
 *                     was decided as a new offer since)
 * @param revisions    every revision received, in order (revision {@code n} at {@code n - 1}): the next is counted from
 *                     the latest, whatever the decision rests on
 * @param earlyNotices when the holder was told of a window that had not opened yet, by the revision that opens it; a
 *                     revision opens at most one window, so each is read once
 */
record Standing(CapacityOffer offer, Decision decision, Decision basis, Window window, List<CapacityOffer> revisions,
        Map<Integer, Instant> earlyNotices) {

    /** Before the first item: nothing received, nothing decided. */
    static final Standing NOTHING = new Standing(null, null, null, null, List.of(), Map.of());

    Standing {
        revisions = List.copyOf(revisions);
        earlyNotices = Map.copyOf(earlyNotices);
    }

    /** Whether the offer's first revision has taken effect. */
    boolean hasOffer() {
        return offer != null;
    }

    /** The latest revision received; 0 before the first. */
    int latestRevision() {
        return revisions.size();
    }

    /** Revision {@code n} as it was received. */
    CapacityOffer revision(int n) {
        return revisions.get(n - 1);
    }

    /** When the first revision was received; null before it. */
    Instant firstReceivedAt() {
        return revisions.isEmpty() ? null : revisions.getFirst().receivedAt();
    }

    /** The same, with {@code o} received: the next revision must follow it. */
    Standing received(CapacityOffer o) {
        List<CapacityOffer> all = new ArrayList<>(revisions);
        all.add(o);
        return new Standing(offer, decision, basis, window, all, earlyNotices);
    }

    /** The same, the holder told of the window in force at {@code noticed}'s notice, which decides nothing of itself. */
    Standing noticed(Window noticed) {
        return new Standing(offer, decision, basis, noticed, revisions, earlyNotices);
    }

    /** The same, the holder told at {@code at} of the window revision {@code n} opens, which has not opened yet. */
    Standing toldEarly(int n, Instant at) {
        Map<Integer, Instant> told = new HashMap<>(earlyNotices);
        told.put(n, at);
        return new Standing(offer, decision, basis, window, revisions, told);
    }

    /**
     * Where the offer stands after {@code step}: on the revision it rests on, under the window in force after it. For a
     * match that is the revision that opened the window, which may be older than the latest received (the next revision
     * still follows the latest). A decision that carries the status forward keeps the basis as it was.
     */
    Standing after(Fold.Step step) {
        Decision d = step.decision();
        return new Standing(step.terms(), d, d.rule().is(Rule.Trait.CARRIES_FORWARD) ? basis : d, step.window(), revisions,
                earlyNotices);
    }
}
