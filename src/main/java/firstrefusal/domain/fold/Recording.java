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
 *
 * <p>History is only ever appended to, never rewritten, and read in order it tells the offer's story in event time. So
 * the steps an item adds to the fold are appended as they come only when they continue the story the record tells;
 * otherwise the item changed what was told, and one correction of the latest entry states the new outcome, if it
 * changed. Whether they continue it is decided once, by {@link Told#continuedBy}, from one source: what the record has
 * told ({@link Told}).
 */
final class Recording {

    private Recording() {
    }

    /**
     * What an offer's record has told, read once: the steps of the fold of its log as it stands (its trail), and its
     * history: the decision it tells now (the latest entry's), what each entry was caused by, and when each is dated.
     */
    record Told(List<Fold.Step> trail, List<HistoryEntry> history) {

        static Told of(Optional<OfferRecord> recorded, Fold.Folded before) {
            return new Told(before.steps(), recorded.map(OfferRecord::history).orElse(List.of()));
        }

        /** The decision the record tells now: its latest entry's; null before the first. */
        Decision current() {
            return history.isEmpty() ? null : history.getLast().decision();
        }

        /**
         * The steps that continue the story the record tells, when the fold with {@code item} ({@code after}) continues it.
         * It does only when all three hold:
         * <ul>
         * <li>the trail ends where the history does, and {@code after} keeps every step of it (cause and outcome):
         *     nothing told before changes;</li>
         * <li>none of the new steps was told already: after a correction the history tells a step the trail no longer
         *     has, and a step that comes back is told as a correction, never a second time;</li>
         * <li>no entry is dated after the item, one a correction superseded included: the new entries would follow an
         *     entry they precede in event time ("a message that arrives after a later-dated outcome was recorded ... is
         *     recorded as a correction").</li>
         * </ul>
         */
        Optional<List<Fold.Step>> continuedBy(List<Fold.Step> after, LogItem item) {
            if (after.size() < trail.size()) {
                return Optional.empty();
            }
            for (int i = 0; i < trail.size(); i++) {
                if (!trail.get(i).sameAs(after.get(i))) {
                    return Optional.empty();
                }
            }
            Decision current = current();
            boolean endsWhereHistoryDoes = trail.isEmpty() ? current == null : trail.getLast().decision().sameOutcomeAs(current);
            List<Fold.Step> next = after.subList(trail.size(), after.size());
            boolean toldAlready = next.stream().map(Fold.Step::cause).filter(cause -> !cause.equals(Fold.TIME))
                    .anyMatch(cause -> history.stream().anyMatch(e -> e.cause().equals(cause)));
            boolean datedAfter = history.stream().anyMatch(e -> e.decision().decidedAt().isAfter(item.effectiveAt()));
            return endsWhereHistoryDoes && !toldAlready && !datedAfter ? Optional.of(next) : Optional.empty();
        }
    }

    /** What to write for one item: the fold with it against the fold without it, and what the record has told. */
    static Outcome.Changed of(Optional<OfferRecord> recorded, Fold.Folded before, Fold.Folded after, LogItem item, Instant now) {
        Told told = Told.of(recorded, before);
        Optional<OfferState> was = recorded.map(OfferRecord::state);
        List<HistoryEntry> entries = entries(told, was.map(OfferState::entries).orElse(0L), after.steps(), item, now);
        Decision decision = entries.isEmpty() ? was.orElseThrow().decision() : entries.getLast().decision();
        Optional<HistoryEntry> caused = entries.stream().filter(e -> e.cause().equals(item.key())).findFirst();
        // The offer's decision after the fold: an earlier-processed, later-effective item (a late notice) may follow the
        // entry this item caused.
        Decision answer = switch (after.trial()) {
            case Fold.Verdict.Late late -> lapseAsRecorded(late.lapse(), told, entries, now).asLate();
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
     * The entries one item adds after entry {@code last}: the new steps as they come when they continue the story told;
     * else one correction of the latest entry, when the outcome changed; else none.
     */
    private static List<HistoryEntry> entries(Told told, long last, List<Fold.Step> after, LogItem item, Instant now) {
        Optional<List<Fold.Step>> next = told.continuedBy(after, item);
        if (next.isPresent()) {
            List<HistoryEntry> appended = new ArrayList<>();
            for (Fold.Step step : next.get()) {
                appended.add(entry(last + appended.size() + 1, step, step.cause(), null, now));
            }
            return appended;
        }
        if (!after.isEmpty() && !after.getLast().decision().sameOutcomeAs(told.current())) {
            return List.of(entry(last + 1, after.getLast(), item.key(), last, now));
        }
        return List.of();
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
    private static Decision lapseAsRecorded(Decision lapse, Told told, List<HistoryEntry> entries, Instant now) {
        List<HistoryEntry> all = new ArrayList<>(told.history());
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
