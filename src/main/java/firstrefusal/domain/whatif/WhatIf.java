package firstrefusal.domain.whatif;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.EventOrder;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Deployments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record replayed under a draft agreement (src/docs/contract.md, "What-if"): each offer's log, what took effect by
 * {@code asOf}, through the same {@link Fold} under the draft, with the notices on record, then a clock tick at
 * {@code asOf}; beside it, the decision on record as of {@code asOf}, read from the history and never replayed. With no
 * draft the two agree. Pure: it reads no clock and writes nothing. Offers are added one at a time, so a long record need
 * not be held in memory.
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

    /**
     * @param inForce the deployments on record
     * @param draft   the same deployments, each agreement as the draft changes it
     */
    public WhatIf(Deployments inForce, Deployments draft, Instant asOf) {
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
        boolean replayable = record.items().stream()
                .anyMatch(i -> i.rank() == EventOrder.Rank.FIRST_REVISION && !i.effectiveAt().isAfter(asOf));
        Optional<Standing> recorded = recordedAsOf(record);
        Optional<Standing> draft = replayable ? Optional.ofNullable(draftFold.replay(record, asOf).decision()).map(Standing::of)
                : Optional.empty();
        if (recorded.isEmpty() || draft.isEmpty()) {
            notReplayable++;
            return;
        }
        if (recorded.get().status() != draft.get().status() || recorded.get().rule() != draft.get().rule()) {
            changes.add(new Change(record.state().offerId(), record.state().offer().provider(), record.state().offer().gpus(),
                    recorded.get(), draft.get()));
        }
    }

    /**
     * The decision on record as of {@code asOf}: of the history entries in effect by then, the one recorded last (a
     * correction follows what it corrects); for an offer still pending on it, what its recorded window decides by a clock
     * tick at {@code asOf}, as the replay's tick does (the record's own time, not a replay of its messages).
     */
    private Optional<Standing> recordedAsOf(OfferRecord record) {
        Optional<HistoryEntry> entry = record.history().stream().filter(e -> !e.decision().decidedAt().isAfter(asOf))
                .max(Comparator.comparingLong(HistoryEntry::sequence));
        return entry.map(e -> {
            if (e.window() == null) {
                return e.decision();
            }
            List<Notice> notices = record.items().stream().filter(i -> i instanceof Notice n && n.revision() == e.window().revision())
                    .map(Notice.class::cast).toList();
            // The entry keeps its window as it was when recorded; a notice recorded after it tells the holder.
            Window window = notices.stream().filter(n -> !n.sentAt().isAfter(asOf)).findFirst()
                    .map(n -> e.window().noticed(n.sentAt().isBefore(e.window().openedAt()) ? e.window().openedAt() : n.sentAt()))
                    .orElse(e.window());
            return recordedFold.onClock(e.offer(), e.decision(), window, asOf, notices.isEmpty()).map(Fold.Step::decision)
                    .orElse(e.decision());
        }).map(Standing::of);
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
