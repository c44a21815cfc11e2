package firstrefusal.whatif;

import firstrefusal.offer.Decision;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.InvalidMessageException;
import firstrefusal.offer.OfferDecider;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.Outcome;
import firstrefusal.offer.Rule;
import firstrefusal.offer.Status;
import firstrefusal.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record replayed under a draft agreement: each offer's kept messages, in the order they were recorded, through
 * the same rules ({@link OfferDecider}) under the draft policy, then a clock tick at {@code asOf}; beside it, the
 * offer as recorded, with the same tick under the policy in force. Pure: it reads no clock and writes nothing.
 * Offers are added one at a time, so a long record need not be held in memory.
 */
public final class WhatIf {

    /** Where an offer stands as of the replay's clock. */
    public record Standing(Status status, Rule rule, Instant decidedAt) {

        static Standing of(Decision d) {
            return new Standing(d.status(), d.rule(), d.decidedAt());
        }
    }

    /** An offer the draft decides otherwise: a different status or rule. */
    public record Change(String offerId, String provider, long gpus, Standing recorded, Standing draft) {
    }

    /** How many offers, and how many GPUs, go from one status to another under the draft. */
    public record Transition(Status from, Status to, int offers, long gpus) {
    }

    /**
     * @param notReplayable offers whose history has an entry without its message (recorded before messages were
     *                      kept), or lacks its first entries: counted, not replayed
     */
    public record Report(Instant asOf, int offers, int notReplayable, List<Change> changes, List<Transition> byTransition) {

        public int changed() {
            return changes.size();
        }
    }

    private final OfferDecider recordedRules;
    private final OfferDecider draftRules;
    private final Instant asOf;
    private final List<Change> changes = new ArrayList<>();
    private int offers;
    private int notReplayable;

    public WhatIf(Policy inForce, Policy draft, Instant asOf) {
        this.recordedRules = new OfferDecider(inForce);
        this.draftRules = new OfferDecider(draft);
        this.asOf = asOf;
    }

    /**
     * One offer's whole history, in recording order. Only what was decided by {@code asOf} counts: the recorded
     * standing and the draft are both the offer's last decision as of then, and an offer first received later is
     * not in the replay at all.
     */
    public void add(List<HistoryEntry> whole) {
        List<HistoryEntry> history = whole.stream().takeWhile(e -> !e.decision().decidedAt().isAfter(asOf)).toList();
        if (history.isEmpty()) {
            return;
        }
        offers++;
        if (!complete(history) || !history.stream().allMatch(HistoryEntry::isReplayable)) {
            notReplayable++;
            return;
        }
        Optional<Standing> draft = replay(history, draftRules, asOf);
        if (draft.isEmpty()) {
            notReplayable++;
            return;
        }
        HistoryEntry last = history.getLast();
        Standing recorded = recorded(last, recordedRules, asOf);
        if (recorded.status() != draft.get().status() || recorded.rule() != draft.get().rule()) {
            changes.add(new Change(last.decision().offerId(), last.decision().provider(), last.offer().gpus(), recorded, draft.get()));
        }
    }

    /** From the first entry on, none missing: a history with its start left out cannot be replayed. */
    private static boolean complete(List<HistoryEntry> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).sequence() != i + 1) {
                return false;
            }
        }
        return true;
    }

    public Report report() {
        Map<List<Status>, Transition> byTransition = new LinkedHashMap<>();
        for (Change c : changes) {
            byTransition.merge(List.of(c.recorded().status(), c.draft().status()),
                    new Transition(c.recorded().status(), c.draft().status(), 1, c.gpus()),
                    (a, b) -> new Transition(a.from(), a.to(), a.offers() + b.offers(), a.gpus() + b.gpus()));
        }
        List<Transition> transitions = byTransition.values().stream()
                .sorted(Comparator.comparingLong(Transition::gpus).reversed().thenComparing(t -> t.from() + ">" + t.to()))
                .toList();
        return new Report(asOf, offers, notReplayable, List.copyOf(changes), transitions);
    }

    /**
     * The kept messages through the rules, then the clock at {@code asOf}. A message the draft refuses (say, an
     * answer to an offer the draft already approved as an exception) changes nothing, as it would have then.
     */
    static Optional<Standing> replay(List<HistoryEntry> history, OfferDecider rules, Instant asOf) {
        OfferRecord record = null;
        for (HistoryEntry entry : history) {
            if (entry.message() == null) {
                continue; // time decided it; the replay's own event-time order decides it again
            }
            try {
                if (rules.decide(entry.message(), Optional.ofNullable(record)) instanceof Outcome.Changed change) {
                    record = OfferRecord.after(record, change);
                }
            } catch (InvalidMessageException refusedUnderTheDraft) {
                // as recorded then: a refused message writes nothing
            }
        }
        if (record == null) {
            return Optional.empty();
        }
        OfferState state = record.state();
        return Optional.of(Standing.of(rules.onClock(state, asOf).map(Outcome.Changed::answer).orElse(state.decision())));
    }

    /** The last recorded decision, and what the clock at {@code asOf} would make of it under the policy in force. */
    static Standing recorded(HistoryEntry last, OfferDecider rules, Instant asOf) {
        OfferState state = new OfferState(last.offer(), last.decision(), null, null, last.sequence(), Set.of(),
                last.offer().receivedAt());
        return Standing.of(rules.onClock(state, asOf).map(Outcome.Changed::answer).orElse(last.decision()));
    }
}
