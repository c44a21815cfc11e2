package firstrefusal.domain.fold;

import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What recording one item writes (src/docs/contract.md, "Corrections"): the history entries it adds, the item kept, and
 * the offer's state after them. Pure.
 */
final class Recording {

    private Recording() {
    }

    /** What to write for one item: the fold with it against the fold without it, and the record. */
    static Outcome.Changed of(Optional<OfferRecord> recorded, Fold.Folded before, Fold.Folded after, LogItem item, Instant now) {
        List<HistoryEntry> entries = entries(recorded, before.steps(), after.steps(), item, now);
        Optional<OfferState> was = recorded.map(OfferRecord::state);
        Decision decision = entries.isEmpty() ? was.orElseThrow().decision() : entries.getLast().decision();
        Optional<HistoryEntry> caused = entries.stream().filter(e -> e.cause().equals(item.key())).findFirst();
        // The offer's decision after the fold: an earlier-processed, later-effective item (a late notice) may follow the
        // entry this item caused.
        Decision answer = switch (after.trial()) {
            case Fold.Verdict.Late late -> lapseAsRecorded(late.lapse(), recorded, entries, now).asLate();
            default -> decision;
        };
        // A message is kept with the entry it caused; a notice is always an item of its own, written once per window.
        long keptWith = item instanceof Delivery ? caused.map(HistoryEntry::sequence).orElse(0L) : 0L;
        long version = was.map(OfferState::version).orElse(0L);
        OfferState next = new OfferState(after.offer(), decision, after.window(), version + 1,
                was.map(OfferState::entries).orElse(0L) + entries.size(),
                entries.isEmpty() ? was.map(OfferState::remindersSent).orElse(Set.of()) : Set.of(),
                after.firstReceivedAt(), was.flatMap(OfferState::clockAt), deadlineMovedBy(after.window(), was, entries),
                was.map(OfferState::head).orElse(null));
        return new Outcome.Changed(version, next, entries, Optional.of(new KeptItem(item, answer, now, keptWith)), answer);
    }

    /**
     * The entries one item adds. When everything recorded still stands where it was, the new decisions follow it; when
     * the item lands before decisions on record and changes the outcome, one correction of the latest entry; else none.
     */
    private static List<HistoryEntry> entries(Optional<OfferRecord> recorded, List<Fold.Step> old, List<Fold.Step> neu, LogItem item,
            Instant now) {
        long last = recorded.map(r -> r.state().entries()).orElse(0L);
        Decision current = recorded.map(r -> r.state().decision()).orElse(null);
        if (extendsRecord(old, neu, current) && !recordedBefore(recorded, neu.subList(old.size(), neu.size()))
                && !laterDatedOnRecord(recorded, item)) {
            List<HistoryEntry> appended = new ArrayList<>();
            for (Fold.Step step : neu.subList(old.size(), neu.size())) {
                appended.add(entry(last + appended.size() + 1, step, step.cause(), null, now));
            }
            return appended;
        }
        if (!neu.isEmpty() && !neu.getLast().decision().sameOutcomeAs(current)) {
            return List.of(entry(last + 1, neu.getLast(), item.key(), last, now));
        }
        return List.of();
    }

    /**
     * Whether an outcome dated after the item is on record (one a correction superseded since included: history is never
     * rewritten): "a message that arrives after a later-dated outcome was recorded is folded into its place in event time,
     * and a changed outcome is recorded as a correction".
     */
    private static boolean laterDatedOnRecord(Optional<OfferRecord> recorded, LogItem item) {
        return recorded.map(OfferRecord::history).orElse(List.of()).stream()
                .anyMatch(e -> e.decision().decidedAt().isAfter(item.effectiveAt()));
    }

    /** Whether the fold still begins with every step on record, and ends where the record stands. */
    private static boolean extendsRecord(List<Fold.Step> old, List<Fold.Step> neu, Decision current) {
        if (neu.size() < old.size()) {
            return false;
        }
        for (int i = 0; i < old.size(); i++) {
            if (!old.get(i).sameAs(neu.get(i))) {
                return false;
            }
        }
        return old.isEmpty() ? current == null : old.getLast().decision().sameOutcomeAs(current);
    }

    /**
     * Whether a message these steps rest on already caused an entry: after a correction the record tells another story
     * than the fold, and a message whose effect comes back is told as a correction, not a second entry.
     */
    private static boolean recordedBefore(Optional<OfferRecord> recorded, List<Fold.Step> steps) {
        List<HistoryEntry> history = recorded.map(OfferRecord::history).orElse(List.of());
        return steps.stream().map(Fold.Step::cause).filter(cause -> !cause.equals(Fold.TIME))
                .anyMatch(cause -> history.stream().anyMatch(e -> e.cause().equals(cause)));
    }

    /** An entry recorded at {@code now}; a correction carries the version of its window, as every decision inside one does. */
    static HistoryEntry entry(long sequence, Fold.Step step, String cause, Long corrects, Instant now) {
        Decision decision = step.decision();
        if (corrects != null && step.window() != null) {
            decision = decision.underVersion(step.window().policyVersion());
        }
        return new HistoryEntry(sequence, decision.recorded(now, corrects), step.terms(), cause, step.window());
    }

    /**
     * What a late answer gets back: the lapse that closed the window, as recorded. A lapse the record does not show as
     * such (a correction stands after it) is answered as the fold has it.
     */
    private static Decision lapseAsRecorded(Decision lapse, Optional<OfferRecord> recorded, List<HistoryEntry> entries, Instant now) {
        List<HistoryEntry> all = new ArrayList<>(recorded.map(OfferRecord::history).orElse(List.of()));
        all.addAll(entries);
        return all.reversed().stream().map(HistoryEntry::decision).filter(d -> d.sameOutcomeAs(lapse))
                .findFirst().orElse(lapse.recorded(now, null));
    }

    /** The entry that set a moved deadline, while the window's deadline stays moved; reminders name it. */
    private static Long deadlineMovedBy(Window window, Optional<OfferState> was, List<HistoryEntry> entries) {
        if (window == null || window.currentDeadline().equals(window.deadline())) {
            return null;
        }
        boolean stillAsBefore = was.filter(b -> b.deadlineMovedBy() != null)
                .filter(b -> window.currentDeadline().equals(b.decision().firstRefusalDeadline())).isPresent();
        if (stillAsBefore) {
            return was.get().deadlineMovedBy();
        }
        return entries.stream()
                .filter(e -> e.decision().status().isOutstanding() && window.currentDeadline().equals(e.decision().firstRefusalDeadline()))
                .map(HistoryEntry::sequence).findFirst().orElse(null);
    }
}
