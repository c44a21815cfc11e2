package firstrefusal.reference;

import firstrefusal.reference.Verdict.Effect;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The first-refusal contract as code: an independent model of SPEC §4, §11 and §12's decision rules, kept in memory.
 * Every input is judged under the deployment in force when it is recorded ({@code recordedAt}); an offer's outcome is
 * always the fold of its kept messages in event time ({@link Fold}); history is only ever appended to.
 */
public final class ReferenceModel {

    /** One offer's record: its kept messages (in event order), the trail its last fold made, its history. */
    private static final class Log {
        final List<Kept> items = new ArrayList<>();
        final List<Entry> history = new ArrayList<>();
        List<Decision> trail = List.of();
        Instant tick;   // the latest clock tick that decided something for it: later folds apply time up to it again
    }

    private final List<Deployment> deployments;
    private final Releases releases;
    private final Map<String, Log> offers = new TreeMap<>();
    private final Map<String, Input.Answer> responses = new HashMap<>();
    private final java.util.Set<String> late = new java.util.HashSet<>();

    public ReferenceModel(List<Deployment> deployments) {
        if (deployments.isEmpty()) throw new IllegalArgumentException("at least one deployment");
        this.deployments = List.copyOf(deployments);
        this.releases = new Releases(this.deployments);
    }

    public Result process(Input input, Instant recordedAt) {
        int d = releases.deploymentAt(recordedAt);
        return switch (input) {
            case Input.Tick t -> tick(t.now(), recordedAt);
            case Input.Offer o -> offer(o, recordedAt, d);
            case Input.Answer a -> answer(a, recordedAt, d);
            case Input.Withdrawal w -> withdrawal(w, recordedAt, d);
            case Input.Notice n -> notice(n, recordedAt, d);
        };
    }

    public List<Entry> history(String offerId) {
        Log log = offers.get(offerId);
        return log == null ? List.of() : List.copyOf(log.history);
    }

    public Optional<Entry> current(String offerId) {
        return history(offerId).stream().reduce((a, b) -> b);
    }

    // ---- the messages: what is refused or a repeat before the fold judges the rest ----

    private Result offer(Input.Offer o, Instant at, int d) {
        Agreement agreement = deployments.get(d).agreement();
        if (aheadOfArrival(o.receivedAt(), o.arrival(), agreement)) return new Result.Refused("receivedAt");
        Log log = offers.get(o.offerId());
        for (Kept k : log == null ? List.<Kept>of() : log.items) {
            if (k.message() instanceof Input.Offer seen && seen.revision() == o.revision()) {   // §4 repeats
                return content(seen).equals(content(o)) ? duplicate(log) : new Result.Refused("revision");
            }
        }
        boolean first = o.revision() == 1;     // §11: the first revision stands at receivedAt, whatever its arrival
        Instant t = first ? o.receivedAt() : Fold.later(o.receivedAt(), o.arrival());
        if (!agreement.at(t).terms().providers().containsKey(o.provider())) return new Result.Refused("provider");
        if (log == null && !first) return new Result.Refused("revision");
        Kept k = new Kept(o, at, d, t, first ? Kept.FIRST : Kept.REVISION, "offer:" + o.revision());
        return accept(log == null ? new Log() : log, o.offerId(), k);
    }

    private Result answer(Input.Answer a, Instant at, int d) {
        Agreement agreement = deployments.get(d).agreement();
        if (aheadOfArrival(a.respondedAt(), a.arrival(), agreement)) return new Result.Refused("respondedAt");
        Instant t = Fold.later(a.respondedAt(), a.arrival());
        Terms terms = agreement.at(t).terms();
        // §8, §12: checked against the account of the version in force at the answer's effective instant, whatever the
        // record holds ("is refused, naming account"); a bare message (no envelope) is not checked
        if (terms.holderAccount() != null && a.account() != null && !terms.holderAccount().equals(a.account())) {
            return new Result.Refused("account");
        }
        Input.Answer seen = responses.get(a.responseId());     // §11 "Repeats": one responseId, one answer, one offer
        if (seen != null && seen.offerId().equals(a.offerId())) {
            if (!seen.answer().equals(a.answer())) return new Result.Refused("responseId");
            Result.Answered again = duplicate(offers.get(a.offerId()));
            return late.contains(a.responseId()) ? asLate(again) : again;    // a redelivered late answer is late too
        }
        // Reused for another offer: a conflict, refused naming responseId, when the answer is otherwise one to keep (an
        // answer with another fault too is refused for that fault first: SPEC does not order them, the product's store
        // claims the id when it keeps the answer)
        String conflict = seen == null ? null : "responseId";
        // §4: a responder that is not the holder is wrong in itself, whatever the record holds
        if (!a.responder().equals(terms.holder())) return new Result.Refused("responder");
        Log log = offers.get(a.offerId());
        if (log == null) return new Result.Refused("offerId");
        Result r = accept(log, a.offerId(), new Kept(a, at, d, t, Kept.ANSWER, "response:" + a.responseId()), conflict);
        if (!(r instanceof Result.Refused)) responses.put(a.responseId(), a);
        if (r instanceof Result.Answered answered && answered.late()) late.add(a.responseId());
        return r;
    }

    private Result withdrawal(Input.Withdrawal w, Instant at, int d) {
        Agreement agreement = deployments.get(d).agreement();
        if (aheadOfArrival(w.withdrawnAt(), w.arrival(), agreement)) return new Result.Refused("withdrawnAt");
        Log log = offers.get(w.offerId());
        if (log == null) return new Result.Refused("offerId");
        String key = "withdrawal:" + w.withdrawnAt();
        if (log.items.stream().anyMatch(k -> k.key().equals(key))) return duplicate(log);
        // a later repeat is found by the fold (the offer stands withdrawn at its place); an earlier one is folded in
        return accept(log, w.offerId(), new Kept(w, at, d, Fold.later(w.withdrawnAt(), w.arrival()), Kept.WITHDRAWAL, key));
    }

    private Result notice(Input.Notice n, Instant at, int d) {
        Log log = offers.get(n.offerId());
        if (log == null) return new Result.Refused("offerId");
        String key = "notice:r" + n.revision();
        if (log.items.stream().anyMatch(k -> k.key().equals(key))) return duplicate(log);
        return accept(log, n.offerId(), new Kept(n, at, d, n.sentAt(), Kept.NOTICE, key));
    }

    /** §11 "Arrival": a message's own instant may run ahead of its arrival by at most the clock skew. */
    private static boolean aheadOfArrival(Instant own, Instant arrival, Agreement agreement) {
        return arrival != null && own.isAfter(arrival.plus(agreement.at(arrival).terms().clockSkew()));
    }

    /** §4 "equal content": every field but the arrival, numbers by value. */
    private static Input.Offer content(Input.Offer o) {
        BigDecimal price = o.price().stripTrailingZeros();
        return new Input.Offer(o.offerId(), o.revision(), o.provider(), o.gpus(), o.megawatts(), o.region(), o.workload(),
                o.startDate(), o.termMonths(), price, o.validUntil(), o.receivedAt(), o.customer(), null);
    }

    // ---- folding a message in, and recording what changed ----

    /** Judges {@code k} where it stands in the fold; if accepted, keeps it and records what the fold changed. */
    private Result accept(Log log, String offerId, Kept k) {
        return accept(log, offerId, k, null);
    }

    /** The same, refusing naming {@code conflict} (when given) a message the fold would keep. */
    private Result accept(Log log, String offerId, Kept k, String conflict) {
        List<Kept> items = new ArrayList<>(log.items);
        items.add(k);
        items.sort(Kept.ORDER);
        Fold fold = fold(items, log.tick, k.recordedAt());
        Verdict verdict = fold.verdicts.get(k);
        if (verdict.effect() == Effect.REFUSED) return new Result.Refused(verdict.field());
        if (verdict.effect() == Effect.ALREADY_WITHDRAWN) return duplicate(log);
        if (conflict != null) return new Result.Refused(conflict);
        log.items.clear();
        log.items.addAll(items);
        offers.putIfAbsent(offerId, log);
        record(log, fold, k.recordedAt(), k.effective());
        if (verdict.effect() == Effect.LATE) return answered(verdict.lapse(), false, true);   // §4: the lapse, late
        return answered(decision(log.history.getLast()), false, false);
    }

    /**
     * §11 "Corrections". When the new trail only extends the one on record, its new decisions are appended as they
     * come; otherwise something was folded in before what was recorded, and if the outcome changed, one entry states
     * the new outcome, correcting the latest entry. A message placed before an outcome on record dated later (one a
     * correction superseded included: history is never rewritten) is such a message too (§4: "A message that arrives
     * after a later-dated outcome was recorded is folded into its place in event time, and a changed outcome is
     * recorded as a correction"). Returns what was appended.
     *
     * @param placed the message's effective instant; null for a clock tick
     */
    private List<Decision> record(Log log, Fold fold, Instant at, Instant placed) {
        List<Decision> before = log.trail;
        List<Decision> now = List.copyOf(fold.trail);
        boolean extends_ = before.size() <= now.size()
                && (placed == null || log.history.stream().noneMatch(e -> e.decidedAt().isAfter(placed)));
        for (int i = 0; extends_ && i < before.size(); i++) extends_ = before.get(i).sameOutcome(now.get(i));
        // The clock records what time decides after what is recorded; only a message corrects (§4, §11)
        if (placed == null && !extends_) return List.of();
        log.trail = now;
        if (extends_) {
            List<Decision> added = now.subList(before.size(), now.size());
            added.forEach(decision -> append(log, decision, null, at));
            return added;
        }
        Entry latest = log.history.getLast();
        if (decision(latest).sameOutcome(fold.decision)) return List.of();
        // §12: "a NOTICE_LATE entry or a correction carries its window's version"
        Decision d = fold.decision;
        Decision correction = fold.window == null ? d
                : new Decision(d.status(), d.rule(), d.decidedAt(), d.deadline(), d.revision(), fold.window.version());
        append(log, correction, latest.sequence(), at);
        return List.of(correction);
    }

    private static void append(Log log, Decision d, Long corrects, Instant at) {
        log.history.add(new Entry(log.history.size() + 1, d.status(), d.rule(), d.decidedAt(), d.deadline(), d.revision(),
                d.policyVersion(), corrects, at));
    }

    /** §4, §11 "Repeats": a repeat gets the decision as it stands now, marked duplicate, and writes nothing. */
    private static Result.Answered duplicate(Log log) {
        return answered(decision(log.history.getLast()), true, false);
    }

    private static Result.Answered asLate(Result.Answered a) {
        return new Result.Answered(a.status(), a.rule(), a.decidedAt(), a.deadline(), a.revision(), a.policyVersion(),
                a.duplicate(), true);
    }

    private static Result.Answered answered(Decision d, boolean duplicate, boolean late) {
        return new Result.Answered(d.status(), d.rule(), d.decidedAt(), d.deadline(), d.revision(), d.policyVersion(),
                duplicate, late);
    }

    private static Decision decision(Entry e) {
        return new Decision(e.status(), e.rule(), e.decidedAt(), e.deadline(), e.revision(), e.policyVersion());
    }

    private Fold fold(List<Kept> items, Instant tick, Instant recordedAt) {
        return Fold.run(deployments, items, releases.placed(items, releases.deploymentAt(recordedAt)), null, tick);
    }

    // ---- the clock ----

    /** The clock (§4, §11): for each pending offer, records what time has decided by {@code now}. */
    private Result tick(Instant now, Instant at) {
        List<String> lapsed = new ArrayList<>(), expired = new ArrayList<>(), released = new ArrayList<>();
        for (var e : offers.entrySet()) {
            Log log = e.getValue();
            if (!log.history.getLast().status().equals(RuleTable.PENDING)) continue;
            Instant until = log.tick != null && log.tick.isAfter(now) ? log.tick : now;
            List<Decision> added = record(log, fold(log.items, until, at), at, null);
            if (added.isEmpty()) continue;
            log.tick = until;
            for (Decision d : added) {
                switch (d.rule()) {
                    case "FIRST_REFUSAL_LAPSED" -> lapsed.add(e.getKey());
                    case "OFFER_EXPIRED" -> expired.add(e.getKey());
                    case "AGI_DECLARED", "RELEASED_BY_AMENDMENT" -> released.add(e.getKey());
                    default -> { }
                }
            }
        }
        return new Result.TickDone(List.copyOf(new TreeSet<>(lapsed)), List.copyOf(new TreeSet<>(expired)),
                List.copyOf(new TreeSet<>(released)));
    }
}
