package firstrefusal.reference;

import firstrefusal.reference.Releases.Placed;
import firstrefusal.reference.Verdict.Effect;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fold of one offer's kept messages in event-time order (SPEC §11 "Event-time order, always"), with time (expiry,
 * lapse, release) applied between them. It yields the trail of decisions it made and, for every message, what it did.
 * Each message is judged under the agreement of the deployment that recorded it, never a later one.
 */
final class Fold {

    private enum Time { EXPIRY, LAPSE, RELEASE }

    /** A release the fold applied, and the window it ended. */
    record Released(Decision decision, Window window) {}

    private record Due(Time kind, Instant at, Instant notBefore) {
        Due(Time kind, Instant at) {
            this(kind, at, Instant.MIN);
        }
    }

    private final List<Deployment> deployments;
    private final Deque<Placed> releases;
    final List<Decision> trail = new ArrayList<>();
    final Map<Kept, Verdict> verdicts = new HashMap<>();
    final List<Released> released = new ArrayList<>();   // each release applied, with the window it ended
    Decision decision;                  // the offer's decision so far; null before its first revision
    Window window;                      // the last window opened (its terms are what the holder last saw)
    private String basis;               // the rule behind the status (NON_MATERIAL_REVISION and NOTICE_LATE keep it)
    private Decision lapse;             // the lapse behind an APPROVED by FIRST_REFUSAL_LAPSED
    private Input.Offer terms;          // the latest revision in force
    private Instant expiresAt;          // its validUntil, never before the revision took effect
    private final Map<Integer, Instant> earlyNotices = new HashMap<>();

    private Fold(List<Deployment> deployments, List<Placed> releases) {
        this.deployments = deployments;
        this.releases = new ArrayDeque<>(releases);
    }

    /**
     * Folds {@code items} (in {@link Kept#ORDER}). After the last one, time is applied up to {@code horizon} (pure event
     * time, inclusive), and then as a clock tick at {@code tick} would (lapses after the grace). What time decides at the
     * last message's own instant comes after it (§11: at one instant, time comes last), so that message does not record
     * it: a clock tick or a later event does (§4: "a clock tick at or after it, or any later event").
     */
    static Fold run(List<Deployment> deployments, List<Kept> items, List<Placed> releases, Instant horizon, Instant tick) {
        Fold f = new Fold(deployments, releases);
        for (Kept k : items) {
            f.advance(k.effective(), false, null);        // at one instant, time comes after every message
            f.verdicts.put(k, f.apply(k));
        }
        f.advance(horizon, true, tick);
        return f;
    }

    boolean pending() {
        return decision != null && decision.status().equals(RuleTable.PENDING);
    }

    // ---- time (§4 "While pending", §11 "No lapse without notice", "Ends that come from the agreement") ----

    /** The next thing time decides: at one instant expiry, then lapse, then release. */
    private Due next() {
        Due best = null;
        if (pending() && expiresAt != null) best = new Due(Time.EXPIRY, expiresAt);
        if (pending() && window.counting() && (best == null || window.deadline().isBefore(best.at()))) {
            best = new Due(Time.LAPSE, window.deadline());
        }
        Placed r = releases.peek();
        if (r != null && (best == null || r.at().isBefore(best.at()))) best = new Due(Time.RELEASE, r.at(), r.notBefore());
        return best;
    }

    /** Applies time in order up to {@code limit}; stops at the first thing not yet due, so nothing overtakes a lapse. */
    private void advance(Instant limit, boolean inclusive, Instant tick) {
        for (Due d = next(); d != null && due(d, limit, inclusive, tick); d = next()) {
            switch (d.kind()) {
                case EXPIRY -> decide("EXPIRED", "OFFER_EXPIRED", d.at(), null, terms.revision(), window.version());
                case LAPSE -> {
                    decide("APPROVED", "FIRST_REFUSAL_LAPSED", d.at(), null, terms.revision(), window.version());
                    lapse = decision;
                }
                case RELEASE -> {
                    Placed r = releases.poll();
                    if (pending() && r.applies().test(window)) {
                        decide("APPROVED", r.rule(), r.at(), null, terms.revision(), r.version());
                        released.add(new Released(decision, window));
                    }
                }
            }
        }
    }

    /**
     * A message decides what time brought by its instant; a tick waits the window's grace before a lapse (§4), and
     * records a release deployed after its instant only from that deployment on.
     */
    private boolean due(Due d, Instant limit, boolean inclusive, Instant tick) {
        if (limit != null && (d.at().isBefore(limit) || inclusive && d.at().equals(limit))) return true;
        return tick != null && !d.at().isAfter(tick) && !d.notBefore().isAfter(tick)
                && (d.kind() != Time.LAPSE || !d.at().plus(window.clockGrace()).isAfter(tick));
    }

    // ---- messages ----

    private Verdict apply(Kept k) {
        return switch (k.message()) {
            case Input.Offer o -> offer(o, k);
            case Input.Answer a -> answer(a, k);
            case Input.Withdrawal w -> withdrawal(k);
            case Input.Notice n -> notice(n);
            case Input.Tick t -> throw new IllegalArgumentException("a tick is not kept");
        };
    }

    /** §4 "A revision ...": the next number from the same provider; after a match refused; else new or revised. */
    private Verdict offer(Input.Offer o, Kept k) {
        if (decision == null) return o.revision() == 1 ? fresh(o, k) : Verdict.refused("revision");
        if (o.revision() != terms.revision() + 1) return Verdict.refused("revision");
        if (!o.provider().equals(terms.provider())) return Verdict.refused("provider");
        if (decision.status().equals("MATCHED_BY_HOLDER")) return Verdict.refused("revision");
        if (pending() || basis.equals("HOLDER_DECLINED") || basis.equals("FIRST_REFUSAL_LAPSED")) return revise(o, k);
        return fresh(o, k);
    }

    /** A new offer, or a revision of an offer in any other state: the new-offer table under the version in force. */
    private Verdict fresh(Input.Offer o, Kept k) {
        Agreement agreement = agreement(k);
        Terms v = agreement.at(k.effective()).terms();
        String rule = RuleTable.newOffer(o, k.effective(), v, agreement.agi());
        adopt(o, k);
        if (rule == null) {
            open(o, k, v, "FIRST_REFUSAL_REQUIRED");
        } else {
            window = null;
            decide(RuleTable.status(rule), rule, k.effective(), null, o.revision(), v.version());
        }
        return Verdict.of(Effect.APPLIED);
    }

    /** A revision of a pending, declined or lapsed offer: a material one re-opens first refusal, unless it has ended. */
    private Verdict revise(Input.Offer o, Kept k) {
        Window shown = window;
        adopt(o, k);
        if (!RuleTable.material(shown, o)) {
            decide(decision.status(), "NON_MATERIAL_REVISION", k.effective(), decision.deadline(), o.revision(),
                    shown.version());
            return Verdict.of(Effect.APPLIED);
        }
        Agreement agreement = agreement(k);
        Terms v = agreement.at(k.effective()).terms();
        if (agreement.agi() != null && !agreement.agi().isAfter(k.effective())) {
            decide("APPROVED", "AGI_DECLARED", k.effective(), null, o.revision(), v.version());
        } else if (!v.firstRefusal()) {
            decide("APPROVED", "NO_FIRST_REFUSAL", k.effective(), null, o.revision(), v.version());
        } else {
            open(o, k, v, "MATERIAL_CHANGE");
        }
        return Verdict.of(Effect.APPLIED);
    }

    private void adopt(Input.Offer o, Kept k) {
        terms = o;
        expiresAt = o.validUntil() == null ? null : later(o.validUntil(), k.effective());
    }

    /** Opens a window under {@code v}; a notice recorded before its opening counts from the opening (contract). */
    private void open(Input.Offer o, Kept k, Terms v, String rule) {
        Instant t = k.effective();
        Instant early = earlyNotices.remove(o.revision());
        window = new Window(o.revision(), t, t.plus(v.window()), v.window(), v.priceDropPercent(),
                v.capacityIncreasePercent(), v.clockGrace(), v.noticeGrace(), v.lapseRequiresNotice(), v.version(),
                o.gpus(), o.price(), k.deployment(), early == null ? null : t);
        decide(RuleTable.PENDING, rule, t, window.deadline(), o.revision(), v.version());
    }

    /** §11 "No lapse without notice": a notice past the notice grace moves the deadline to notice + window. */
    private Verdict notice(Input.Notice n) {
        if (terms == null || n.revision() > terms.revision()) {
            earlyNotices.putIfAbsent(n.revision(), n.sentAt());
            return Verdict.of(Effect.NO_EFFECT);
        }
        Window w = window;
        if (!pending() || w.revision() != n.revision() || w.counting()) return Verdict.of(Effect.NO_EFFECT);
        Instant p = later(n.sentAt(), w.openedAt());
        if (!p.isAfter(w.openedAt().plus(w.noticeGrace()))) {
            window = w.noticed(p, w.deadline());
        } else {
            window = w.noticed(p, p.plus(w.length()));
            decide(RuleTable.PENDING, "NOTICE_LATE", p, window.deadline(), decision.revision(), w.version());
        }
        return Verdict.of(Effect.APPLIED);
    }

    /** §4, §11: an answer in time decides; after a lapse it is late; to anything else, or another revision, refused. */
    private Verdict answer(Input.Answer a, Kept k) {
        if (decision == null) return Verdict.refused("offerId");
        boolean otherRevision = a.revision() != null && (window == null || a.revision() != window.revision());
        if (pending()) {
            if (otherRevision) return Verdict.refused("revision");
            if (a.answer().equals("MATCH")) {      // a match binds the terms of the revision that opened the window
                decide("MATCHED_BY_HOLDER", "HOLDER_MATCHED", k.effective(), null, window.revision(), window.version());
            } else {
                decide("APPROVED", "HOLDER_DECLINED", k.effective(), null, terms.revision(), window.version());
            }
            return Verdict.of(Effect.APPLIED);
        }
        if (basis.equals("FIRST_REFUSAL_LAPSED")) {
            return otherRevision ? Verdict.refused("revision") : new Verdict(Effect.LATE, null, lapse);
        }
        return Verdict.refused("offerId");
    }

    /** §4: a withdrawal ends a pending or approved offer; it names the version in force at its instant. */
    private Verdict withdrawal(Kept k) {
        if (decision == null) return Verdict.refused("offerId");
        if (decision.status().equals("WITHDRAWN")) return Verdict.of(Effect.ALREADY_WITHDRAWN);
        if (!pending() && !decision.status().equals("APPROVED")) return Verdict.refused("offerId");
        String version = agreement(k).at(k.effective()).terms().version();
        decide("WITHDRAWN", "OFFER_WITHDRAWN", k.effective(), null, terms.revision(), version);
        return Verdict.of(Effect.APPLIED);
    }

    // ---- helpers ----

    private void decide(String status, String rule, Instant at, Instant deadline, int revision, String version) {
        decision = new Decision(status, rule, at, deadline, revision, version);
        trail.add(decision);
        if (!rule.equals("NON_MATERIAL_REVISION") && !rule.equals("NOTICE_LATE")) basis = rule;
    }

    private Agreement agreement(Kept k) {
        return deployments.get(k.deployment()).agreement();
    }

    static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
