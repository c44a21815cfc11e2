package firstrefusal.domain.fold;

import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one log item against what is recorded for its offer (src/docs/contract.md, "Decisions" and "Time a contract can
 * defend"), and says what to write: the {@link Fold} of the log with the item in its place in event time, against the
 * fold without it. When the item continues the story the record tells, the new decisions are appended as they come; when
 * it changed what was told, one correction is appended ({@link Recording}). History is never rewritten. Pure: the instant
 * of recording is given, nothing is read or written.
 */
public final class Adjudicator {

    /**
     * An item that passed the checks on its own ({@link #check}), which nothing on record can change: it is decided
     * against each fresh read of its record without checking it again.
     */
    public static final class Checked {

        private final LogItem item;

        private Checked(LogItem item) {
            this.item = item;
        }

        public LogItem item() {
            return item;
        }
    }

    private final Admission admission;
    private final Fold fold;

    public Adjudicator(Deployments deployments) {
        this.admission = new Admission(deployments);
        this.fold = new Fold(deployments, Fold.Mode.RECORD);
    }

    /** Under one agreement, deployed before anything was recorded. */
    public Adjudicator(Agreement agreement) {
        this(Deployments.only(agreement));
    }

    /** Under a policy that was never amended. */
    public Adjudicator(Policy policy) {
        this(Agreement.of(policy));
    }

    public Fold fold() {
        return fold;
    }

    /**
     * The checks a message must pass on its own, before anything is read: its ranges, its instant against its arrival,
     * the account it came from ({@link Admission}).
     *
     * @throws InvalidMessageException naming the field
     */
    public Checked check(LogItem item) {
        admission.check(item);
        return new Checked(item);
    }

    /**
     * Checks the item on its own, then decides it: for one attempt; a caller that may decide it again after a lost race
     * checks it once and decides the {@link Checked} item.
     *
     * @throws InvalidMessageException when the item is refused; nothing is to be written
     */
    public Outcome decide(LogItem item, Optional<OfferRecord> recorded, Instant now) {
        return decide(check(item), recorded, now);
    }

    /**
     * @param now when the product records it: {@code recordedAt} of what is written
     * @throws InvalidMessageException when the item is refused; nothing is to be written
     */
    public Outcome decide(Checked checked, Optional<OfferRecord> recorded, Instant now) {
        LogItem item = checked.item();
        if (item instanceof Notice && recorded.isEmpty()) {
            throw new InvalidMessageException("offerId", "no offer '" + item.offerId() + "' is on record");
        }
        Optional<Decision> repeat = recorded.flatMap(r -> Redeliveries.answerTo(item, r));
        if (repeat.isPresent()) {
            return new Outcome.Unchanged(repeat.get());
        }
        List<KeptItem> log = recorded.map(OfferRecord::log).orElse(List.of());
        Map<Integer, Window> fixed = recorded.map(OfferRecord::fixedWindows).orElse(Map.of());
        Optional<Instant> clockAt = recorded.flatMap(r -> r.state().clockAt());
        Fold.Folded before = fold.run(log, fixed, clockAt, null);
        Fold.Folded after = fold.run(log, fixed, clockAt, KeptItem.judging(item, now));
        return switch (after.trial()) {
            case Fold.Verdict.Refused refused -> throw refused.reason();
            // The earliest withdrawal counts: a later one answers the decision as it stands and writes nothing at all.
            case Fold.Verdict.Repeat later -> new Outcome.Unchanged(recorded.orElseThrow().state().decision().asDuplicate());
            default -> Recording.of(recorded, before, after, item, now);
        };
    }

    /** What a clock tick at {@code now} records for a pending offer: an expiry, a lapse, a release, or nothing yet. */
    public Optional<Outcome.Changed> onClock(OfferState state, Instant now, Instant recordedAt) {
        return fold.onClock(state.offer(), state.decision(), state.window(), now).map(step -> {
            HistoryEntry entry = Recording.entry(state.entries() + 1, step, Fold.TIME, null, recordedAt);
            OfferState next = new OfferState(state.offer(), entry.decision(), state.window(), state.version() + 1, entry.sequence(),
                    Set.of(), state.firstReceivedAt(), Optional.of(now), null, state.head());
            return new Outcome.Changed(state.version(), next, List.of(entry), Optional.empty(), entry.decision());
        });
    }

    /** Whether a clock tick must read this pending offer's whole record to know what time decides for it. */
    public boolean clockNeedsRecord(OfferState state) {
        return state.isOutstanding() && fold.needsRecord(state.window());
    }

    /**
     * What a clock tick at {@code now} records for an offer, read whole: what time decided by then, in the fold of its
     * record (a release deployed after its window opened among them), appended after what is recorded.
     */
    public Optional<Outcome.Changed> onClock(OfferRecord record, Instant now, Instant recordedAt) {
        OfferState state = record.state();
        Fold.Folded before = fold.of(record);
        Fold.Folded after = fold.onClock(record, now);
        if (after.steps().size() <= before.steps().size() || after.decision().sameOutcomeAs(state.decision())) {
            return Optional.empty();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (Fold.Step step : after.steps().subList(before.steps().size(), after.steps().size())) {
            entries.add(Recording.entry(state.entries() + entries.size() + 1, step, Fold.TIME, null, recordedAt));
        }
        OfferState next = new OfferState(after.offer(), entries.getLast().decision(), after.window(), state.version() + 1,
                state.entries() + entries.size(), Set.of(), state.firstReceivedAt(), Optional.of(now), null, state.head());
        return Optional.of(new Outcome.Changed(state.version(), next, entries, Optional.empty(), entries.getLast().decision()));
    }
}
