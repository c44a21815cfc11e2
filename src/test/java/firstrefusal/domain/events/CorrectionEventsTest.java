package firstrefusal.domain.events;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Corrections on the bus (src/docs/contract.md, "Corrections" and "Events out"): each is published under its own rule (a
 * correction that makes an offer pending again as a First Refusal Requested, one that keeps it pending as an Offer
 * Decided), names the sequence it corrects and carries its window's version; a late notice is always an Offer Decided.
 */
class CorrectionEventsTest {

    private static final Instant R = Offers.RECEIVED;
    private final Adjudicator rules = new Adjudicator(TestPolicies.defaultContract());

    @Test
    void aCorrectionThatMakesTheOfferPendingAgainAsksTheHolder() {
        OfferRecord record = noticed(rules, "o");
        Instant tick = Offers.DEADLINE.plus(Duration.ofHours(1));
        OfferRecord before = record;
        record = rules.onClock(before.state(), tick, tick).map(change -> InMemoryRecords.after(before, change)).orElseThrow();
        // A materially cheaper revision dated before the deadline, processed after the lapse.
        record = record(rules, record, Offers.offer("o").revision(2).price("1.00").receivedAt(Offers.DEADLINE.minus(Duration.ofDays(1))).build(),
                tick.plus(Duration.ofHours(1)));

        HistoryEntry correction = record.history().getLast();
        assertThat(correction.decision().rule()).isEqualTo(Rule.MATERIAL_CHANGE);
        assertThat(correction.decision().corrects()).as("the lapse it corrects").isEqualTo(2L);
        assertThat(OfferEvent.of(correction)).isInstanceOf(OfferEvent.FirstRefusalRequested.class);
    }

    @Test
    void aCorrectionThatKeepsTheOfferPendingIsAnOfferDecidedUnderItsOwnRule() {
        HistoryEntry pendingByRevision = correctionOf(Rule.NON_MATERIAL_REVISION);
        HistoryEntry pendingByNotice = correctionOf(Rule.NOTICE_LATE);

        assertThat(OfferEvent.of(pendingByRevision)).isInstanceOf(OfferEvent.OfferDecided.class);
        assertThat(OfferEvent.of(pendingByNotice)).isInstanceOf(OfferEvent.OfferDecided.class);
        assertThat(OfferEvent.of(correctionOf(Rule.FIRST_REFUSAL_REQUIRED))).isInstanceOf(OfferEvent.FirstRefusalRequested.class);
    }

    @Test
    void aCorrectionCarriesItsWindowsVersionNotTheVersionInForceAtItsInstant() {
        Amendment later = new Amendment("2025-02-01", Instant.parse("2025-02-01T00:00:00Z"), Amendment.Changes.none(),
                Amendment.PendingOffers.KEEP, List.of());
        Adjudicator amended = new Adjudicator(Agreement.of(TestPolicies.defaultContract(), List.of(later)));
        OfferRecord record = noticed(amended, "o");
        Instant second = Instant.parse("2025-02-03T00:00:00Z");
        Instant first = Instant.parse("2025-02-02T00:00:00Z");
        record = record(amended, record, new Withdrawal("o", second), second);
        assertThat(record.history().getLast().decision().policyVersion()).as("a withdrawal names the version at its instant")
                .isEqualTo("2025-02-01");

        // An earlier withdrawal, processed after: it corrects the instant, under the window's version.
        record = record(amended, record, new Withdrawal("o", first), second.plus(Duration.ofHours(1)));
        HistoryEntry correction = record.history().getLast();
        assertThat(correction.decision().decidedAt()).isEqualTo(first);
        assertThat(correction.decision().corrects()).isEqualTo(2L);
        assertThat(correction.decision().policyVersion()).isEqualTo("2025-01-21").isEqualTo(correction.window().policyVersion());
    }

    @Test
    void aLateNoticeIsAlwaysAnOfferDecided() {
        OfferRecord record = record(rules, null, Offers.offer("o").build(), R);
        record = record(rules, record, new Notice("o", 1, R.plus(Duration.ofDays(1))), R.plus(Duration.ofDays(1)));
        HistoryEntry late = record.history().getLast();

        assertThat(late.decision().rule()).isEqualTo(Rule.NOTICE_LATE);
        assertThat(OfferEvent.of(late)).isInstanceOf(OfferEvent.OfferDecided.class);
    }

    /** A pending offer's correction resting on {@code rule}. */
    private HistoryEntry correctionOf(Rule rule) {
        OfferRecord record = noticed(rules, "p");
        HistoryEntry opened = record.history().getFirst();
        Decision d = opened.decision();
        Decision pending = new Decision(d.offerId(), d.revision(), d.provider(), d.status(), rule, "a correction", d.firstRefusalDeadline(),
                false, d.decidedAt(), d.policyVersion(), false, false, R.plus(Duration.ofDays(2)), 1L);
        return new HistoryEntry(2, pending, opened.offer(), "offer:1", opened.window());
    }

    private static OfferRecord noticed(Adjudicator rules, String id) {
        OfferRecord record = record(rules, null, Offers.offer(id).build(), R);
        return record(rules, record, new Notice(id, 1, R), R);
    }

    private static OfferRecord record(Adjudicator rules, OfferRecord before, Object message, Instant now) {
        LogItem item = message instanceof LogItem i ? i : Delivery.direct((firstrefusal.domain.offer.OfferMessage) message);
        Outcome outcome = rules.decide(item, Optional.ofNullable(before), now);
        return outcome instanceof Outcome.Changed change ? InMemoryRecords.after(before, change) : before;
    }
}
