package firstrefusal.page;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Fold;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.OfferRecord;
import firstrefusal.policy.Policy;
import firstrefusal.policy.Provider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One offer's page: where it stands, what to do, the time left while pending, and each revision's terms next to
 * the terms before it, from the history (which keeps the terms every decision was made on).
 */
record OfferView(OfferRecord record, String providerName, String nextAction, Duration timeLeft, List<Revision> revisions,
        List<Fold.WithoutEffect> withoutEffect) {

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

    static OfferView of(OfferRecord record, Policy policy, Instant asOf, List<Fold.WithoutEffect> withoutEffect) {
        CapacityOffer offer = record.state().offer();
        Duration left = record.state().isOutstanding() ? Duration.between(asOf, record.state().decision().firstRefusalDeadline()) : null;
        return new OfferView(record, policy.provider(offer.provider()).map(Provider::name).orElse(offer.provider()),
                NextAction.of(record.state().decision(), offer, policy, asOf), left, revisions(record), withoutEffect);
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
