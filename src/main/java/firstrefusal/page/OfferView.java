package firstrefusal.page;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One offer's page: where it stands, what to do, the time left while pending, and each revision's terms next to the
 * terms before it, from the history (which keeps the terms every decision was made on).
 *
 * <p>Asked for a past instant ({@code ?asOf=}), it shows where the offer stood then, folded from the messages and notices
 * that had taken effect by then, and marks the history recorded later; otherwise it shows the record as it stands.
 *
 * @param pastAsOf the past instant shown, if one was asked for
 * @param offer    the terms in force as of the instant shown
 * @param decision the decision in force as of the instant shown; null if the offer was not yet received then
 */
record OfferView(OfferRecord record, String providerName, Optional<Instant> pastAsOf, CapacityOffer offer, Decision decision,
        String nextAction, Duration timeLeft, List<Revision> revisions, List<Fold.WithoutEffect> withoutEffect) {

    /** A revision's size and price beside the previous revision's; the first revision has no previous. */
    record Revision(int revision, Instant receivedAt, long gpus, Long previousGpus, BigDecimal price, BigDecimal previousPrice) {

        public boolean isFirst() {
            return previousGpus == null;
        }
    }

    /** An entry recorded noticeably later than it takes effect (a correction, a lapse the clock recorded): both are shown. */
    public boolean recordedLater(HistoryEntry entry) {
        Instant recorded = entry.decision().recordedAt();
        return recorded != null && Duration.between(entry.decision().decidedAt(), recorded).abs().toMinutes() >= 1;
    }

    /** An entry that takes effect after the past instant shown: not yet part of the offer then. */
    public boolean afterAsOf(HistoryEntry entry) {
        return pastAsOf.map(t -> entry.decision().decidedAt().isAfter(t)).orElse(false);
    }

    static OfferView of(OfferRecord record, Policy policy, Fold fold, Instant asOf, Instant now) {
        Fold.Folded folded = fold.of(record);
        Optional<Instant> past = asOf.isBefore(now) ? Optional.of(asOf) : Optional.empty();
        CapacityOffer offer = record.state().offer();
        Decision decision = record.state().decision();
        Window window = record.state().window();
        Optional<Fold.Step> lastThen = Optional.empty();
        if (past.isPresent()) {
            Fold.Folded then = fold.at(record, asOf);
            lastThen = then.last();
            offer = then.offer();
            decision = then.decision();
            window = then.window();
        }
        String name = policy.provider(record.state().offer().provider()).map(Provider::name).orElse(record.state().offer().provider());
        if (decision == null) {
            return new OfferView(record, name, past, record.state().offer(), null, "The offer had not been received by "
                    + Formats.utc(asOf) + ".", null, revisions(record), folded.withoutEffect());
        }
        String action;
        Duration left = null;
        if (decision.status().isOutstanding()) {
            Optional<Fold.Step> next = fold.nextByTime(offer, decision, window);
            action = NextAction.of(new Board.Pending(offer, decision, window, Optional.empty()), next, policy, asOf, now);
            boolean decidedByTime = next.filter(s -> !s.decision().decidedAt().isAfter(asOf)).isPresent();
            left = decidedByTime ? null : Duration.between(asOf, decision.firstRefusalDeadline());
        } else if (lastThen.filter(s -> Fold.TIME.equals(s.cause())).isPresent()) {
            // Time had decided it by then: say when, and whether the record holds it yet, not only that it is settled.
            Decision byTime = decision;
            Optional<Instant> recorded = record.history().stream().map(HistoryEntry::decision)
                    .filter(d -> d.rule() == byTime.rule() && d.decidedAt().equals(byTime.decidedAt()))
                    .map(d -> d.recordedAt() == null ? d.decidedAt() : d.recordedAt()).findFirst();
            action = NextAction.decidedByTime(decision, policy, window == null ? Duration.ZERO : window.clockGrace(), now, recorded);
        } else {
            action = NextAction.settled(decision, policy);
        }
        return new OfferView(record, name, past, offer, decision, action, left, revisions(record), folded.withoutEffect());
    }

    private static List<Revision> revisions(OfferRecord record) {
        List<Revision> revisions = new ArrayList<>();
        CapacityOffer previous = null;
        for (HistoryEntry entry : record.history()) {
            CapacityOffer o = entry.offer();
            if (o == null || previous != null && o.revision() == previous.revision()) {
                continue;
            }
            revisions.add(new Revision(o.revision(), o.receivedAt(), o.gpus(), previous == null ? null : previous.gpus(),
                    o.pricePerGpuHourUsd(), previous == null ? null : previous.pricePerGpuHourUsd()));
            previous = o;
        }
        return List.copyOf(revisions);
    }
}
