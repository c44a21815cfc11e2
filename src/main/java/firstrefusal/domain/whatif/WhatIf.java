package firstrefusal.domain.whatif;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.EventOrder;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record replayed under a draft agreement: each offer's log, what took effect by {@code asOf}, through the same
 * {@link Fold} under the draft, then a clock tick at {@code asOf}; beside it, the same replay under the agreement in
 * force (its windows as they were fixed), which is the offer as recorded. Pure: it reads no clock and writes nothing.
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
     * @param notReplayable offers whose log lacks their first revision (recorded before messages were kept): counted,
     *                      not replayed
     */
    public record Report(Instant asOf, int offers, int notReplayable, List<Change> changes, List<Transition> byTransition) {

        public int changed() {
            return changes.size();
        }
    }

    private final Fold recordedFold;
    private final Fold draftFold;
    private final Instant asOf;
    private final List<Change> changes = new ArrayList<>();
    private int offers;
    private int notReplayable;

    /** Both sides are replays: a window without a recorded notice counts as noticed when it opened, on either side. */
    public WhatIf(Agreement inForce, Agreement draft, Instant asOf) {
        this.recordedFold = new Fold(inForce, Fold.Mode.REPLAY);
        this.draftFold = new Fold(draft, Fold.Mode.REPLAY);
        this.asOf = asOf;
    }

    /**
     * One offer's whole record. Only what took effect by {@code asOf} counts: an offer first received later is not in
     * the replay at all.
     */
    public void add(OfferRecord record) {
        if (record.state().firstReceivedAt().isAfter(asOf)) {
            return;
        }
        offers++;
        List<LogItem> log = record.items().stream().filter(i -> !i.effectiveAt().isAfter(asOf)).toList();
        if (log.stream().noneMatch(i -> i.rank() == EventOrder.Rank.FIRST_REVISION)) {
            notReplayable++;
            return;
        }
        Optional<Standing> recorded = replay(recordedFold, log, record.fixedWindows());
        Optional<Standing> draft = replay(draftFold, log, Map.of());
        if (recorded.isEmpty() || draft.isEmpty()) {
            notReplayable++;
            return;
        }
        if (recorded.get().status() != draft.get().status() || recorded.get().rule() != draft.get().rule()) {
            changes.add(new Change(record.state().offerId(), record.state().offer().provider(), record.state().offer().gpus(),
                    recorded.get(), draft.get()));
        }
    }

    private Optional<Standing> replay(Fold fold, List<LogItem> log, Map<Integer, Window> fixed) {
        Fold.Folded folded = fold.run(log, fixed, Optional.of(asOf), null);
        return Optional.ofNullable(folded.decision()).map(Standing::of);
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
}
