package firstrefusal.domain.fold;

import firstrefusal.domain.Words;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.MessageChecks;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one log item against what is recorded for its offer (src/docs/contract.md, "Decisions" and "Time a contract can
 * defend"), and says what to write: the {@link Fold} of the log with the item in its place in event time, against the
 * fold without it. When the item comes after everything recorded, the new decisions are appended as they come; when it
 * lands before some, and changes the outcome, one correction is appended. History is never rewritten. Pure: the instant
 * of recording is given, nothing is read or written.
 */
public final class Adjudicator {

    private final Deployments deployments;
    private final Fold fold;

    public Adjudicator(Deployments deployments) {
        this.deployments = deployments;
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
     * @param now when the product records it: {@code recordedAt} of what is written
     * @throws InvalidMessageException when the item is refused; nothing is to be written
     */
    public Outcome decide(LogItem item, Optional<OfferRecord> recorded, Instant now) {
        check(item);
        if (item instanceof Notice && recorded.isEmpty()) {
            throw new InvalidMessageException("offerId", "no offer '" + item.offerId() + "' is on record");
        }
        Optional<Decision> repeat = recorded.flatMap(r -> Repeats.answerTo(item, r));
        if (repeat.isPresent()) {
            return new Outcome.Unchanged(repeat.get());
        }
        List<KeptItem> log = recorded.map(OfferRecord::log).orElse(List.of());
        Map<Integer, Window> fixed = recorded.map(OfferRecord::fixedWindows).orElse(Map.of());
        Optional<Instant> clockAt = recorded.flatMap(r -> r.state().clockAt());
        Fold.Folded before = fold.run(log, fixed, clockAt, null);
        Fold.Folded after = fold.run(log, fixed, clockAt, KeptItem.judging(item, now));
        switch (after.trial()) {
            case Fold.Verdict.Refused refused -> throw refused.reason();
            // The earliest withdrawal counts: a later one answers the decision as it stands and writes nothing at all.
            case Fold.Verdict.Repeat later -> {
                return new Outcome.Unchanged(recorded.orElseThrow().state().decision().asDuplicate());
            }
            default -> {
                return appending(recorded, before, after, item, now);
            }
        }
    }

    /**
     * The checks a message must pass on its own, before anything is read: its ranges, and its instant against its
     * arrival. Nothing on record can make a message that fails them acceptable.
     *
     * @throws InvalidMessageException naming the field
     */
    public void check(LogItem item) {
        if (item instanceof Delivery delivery) {
            MessageChecks.check(delivery.message());
            requireWithinSkew(delivery);
            requireHolderAccount(delivery);
        }
    }

    /**
     * A holder response that EventBridge delivered from an account (which no sender can forge) must come from the
     * holder's account of the version in force at its effective instant, when that version names one.
     */
    private void requireHolderAccount(Delivery delivery) {
        if (delivery.message() instanceof HolderResponse && delivery.account().isPresent()) {
            Policy policy = deployments.current().policyAt(delivery.effectiveAt());
            String account = delivery.account().get();
            if (!policy.acceptsHolderResponseFrom(account)) {
                throw new InvalidMessageException("account", "a Holder Response must come from the holder's account "
                        + policy.holderAccount().orElseThrow() + " (version " + policy.version() + ", in force at "
                        + delivery.effectiveAt() + "), was '" + account + "'");
            }
        }
    }

    /** What a clock tick at {@code now} records for a pending offer: an expiry, a lapse, a release, or nothing yet. */
    public Optional<Outcome.Changed> onClock(OfferState state, Instant now, Instant recordedAt) {
        return fold.onClock(state.offer(), state.decision(), state.window(), now).map(step -> {
            HistoryEntry entry = new HistoryEntry(state.entries() + 1, step.decision().recorded(recordedAt, null), step.terms(),
                    Fold.TIME, step.window());
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
            entries.add(entry(state.entries() + entries.size() + 1, step, Fold.TIME, null, recordedAt));
        }
        OfferState next = new OfferState(after.offer(), entries.getLast().decision(), after.window(), state.version() + 1,
                state.entries() + entries.size(), Set.of(), state.firstReceivedAt(), Optional.of(now), null, state.head());
        return Optional.of(new Outcome.Changed(state.version(), next, entries, Optional.empty(), entries.getLast().decision()));
    }

    /**
     * A message whose own instant runs ahead of its arrival by more than the clock skew of the version in force then:
     * a sender cannot date a message into the future of when it reached the queue.
     */
    private void requireWithinSkew(Delivery delivery) {
        delivery.arrivedAt().ifPresent(arrival -> {
            Duration skew = deployments.current().policyAt(arrival).clockSkew();
            Instant own = delivery.message().at();
            if (own.isAfter(arrival.plus(skew))) {
                throw new InvalidMessageException(delivery.message().instantField(), "was " + own + ", later than its arrival at "
                        + arrival + " by more than the clock skew allowed (" + Words.duration(skew) + ")");
            }
        });
    }

    /** What to append for one item, and the state after it: the fold with it against the fold without it, and the record. */
    private static Outcome.Changed appending(Optional<OfferRecord> recorded, Fold.Folded before, Fold.Folded after, LogItem item,
            Instant now) {
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

    /** A correction carries the version of its window, as every decision inside a window does. */
    private static HistoryEntry entry(long sequence, Fold.Step step, String cause, Long corrects, Instant now) {
        Decision decision = step.decision();
        if (corrects != null && step.window() != null) {
            decision = decision.underVersion(step.window().policyVersion());
        }
        return new HistoryEntry(sequence, decision.recorded(now, corrects), step.terms(), cause, step.window());
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
