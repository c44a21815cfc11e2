package firstrefusal.domain.fold;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Terms;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Product bugs the differential test against the reference model found (firstrefusal.differential), each as the smallest
 * input list it printed, under the default contract.
 */
class DifferentialFindingsTest {

    private static final Policy POLICY = TestPolicies.defaultContract();
    private static final Instant T0 = Instant.parse("2026-03-16T04:03:00Z");
    private final Adjudicator adjudicator = new Adjudicator(POLICY);

    /**
     * A late notice folded in after the offer was withdrawn moves a deadline the withdrawn offer no longer has: the
     * outcome (status, rule, the deadline while pending, revision, instant) is unchanged, so no correction is due.
     */
    @Test
    void aLateNoticeProcessedAfterTheWithdrawalWritesNoCorrectionThatChangesNothing() {
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).build()), T0.plus(Duration.ofDays(19)));
        record = record(record, Delivery.direct(new Withdrawal("o", T0.plus(Duration.ofDays(10)))), T0.plus(Duration.ofDays(24)));
        record = record(record, new Notice("o", 1, T0.plus(Duration.ofHours(25))), T0.plus(Duration.ofDays(30)));

        assertThat(record.history()).extracting(e -> e.decision().rule())
                .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.OFFER_WITHDRAWN);
        assertThat(record.history()).noneMatch(HistoryEntry::isCorrection);
    }

    /** A notice already recorded, delivered again, gets the decision as it stands marked as a duplicate. */
    @Test
    void aNoticeAlreadyRecordedIsAnsweredAsADuplicate() {
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).build()), T0);
        record = record(record, new Notice("o", 1, T0.plusSeconds(30)), T0.plusSeconds(31));

        Outcome again = adjudicator.decide(new Notice("o", 1, T0.plusSeconds(90)), Optional.of(record), T0.plusSeconds(91));

        assertThat(again).isInstanceOf(Outcome.Unchanged.class);
        assertThat(again.answer().duplicate()).isTrue();
    }

    /**
     * A material revision processed after an early notice of its window: the notice, later in event time and past the
     * notice grace, moves the new window's deadline. The revision is answered with the offer's decision after the fold
     * (the moved deadline), not with the entry it caused alone.
     */
    @Test
    void aRevisionIsAnsweredWithTheOffersDecisionAfterTheFold() {
        Instant r2 = T0.plus(Duration.ofDays(4));
        Instant told = r2.plus(Duration.ofHours(1)).plusSeconds(1);
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).price("2.00").build()), T0);
        record = record(record, new Notice("o", 2, told), told.plusSeconds(2));

        Outcome outcome = adjudicator.decide(Delivery.direct(Offers.offer("o").revision(2).receivedAt(r2).price("1.90").build()),
                Optional.of(record), told.plus(Duration.ofHours(14)));

        Decision answer = outcome.answer();
        assertThat(answer.rule()).isEqualTo(Rule.NOTICE_LATE);
        assertThat(answer.status()).isEqualTo(Status.PENDING_FIRST_REFUSAL);
        assertThat(answer.firstRefusalDeadline()).isEqualTo(told.plus(POLICY.firstRefusalWindow()));
        assertThat(answer).isEqualTo(((Outcome.Changed) outcome).next().decision());
    }

    /**
     * A non-material revision whose own validUntil had passed before it took effect: the offer expires, but not before
     * that revision took effect (its validUntil cannot end the offer at an instant when the offer had another).
     */
    @Test
    void aRevisionsValidUntilNeverExpiresTheOfferBeforeTheRevisionTookEffect() {
        Instant r2 = T0.plus(Duration.ofDays(4));
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).price("2.00").build()), T0);
        record = record(record, Delivery.direct(Offers.offer("o").revision(2).receivedAt(r2).price("1.99")
                .validUntil(T0.plus(Duration.ofDays(1))).build()), r2);
        OfferRecord revised = record;

        Optional<Outcome.Changed> early = adjudicator.onClock(revised.state(), T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(2)));
        Optional<Outcome.Changed> tick = adjudicator.onClock(revised.state(), r2.plusSeconds(1), r2.plusSeconds(1));

        assertThat(early).as("before the revision took effect, the offer had no validUntil").isEmpty();
        assertThat(tick.orElseThrow().answer()).extracting(Decision::rule, Decision::decidedAt).containsExactly(Rule.OFFER_EXPIRED, r2);
    }

    /**
     * A materially better revision under a version that gives the holder no first refusal is approved as such, even
     * when an earlier row of the new-offer table (here its validUntil had passed) would apply to it as a new offer.
     */
    @Test
    void aMaterialRevisionUnderAVersionWithoutFirstRefusalNeverReopensIt() {
        Instant ended = T0.plus(Duration.ofDays(3));
        Amendment noFirstRefusal = new Amendment("2026-03-19", ended, changes(Optional.empty()), Amendment.PendingOffers.KEEP, List.of());
        Adjudicator amended = new Adjudicator(Agreement.of(POLICY, List.of(noFirstRefusal)));
        Instant r2 = T0.plus(Duration.ofDays(5));
        Outcome first = amended.decide(Delivery.direct(Offers.offer("o").receivedAt(T0).price("2.00").build()), Optional.empty(), T0);
        OfferRecord record = InMemoryRecords.after(null, (Outcome.Changed) first);

        Outcome revised = amended.decide(Delivery.direct(Offers.offer("o").revision(2).receivedAt(r2).price("1.80")
                .validUntil(T0.plus(Duration.ofDays(1))).build()), Optional.of(record), r2);

        assertThat(revised.answer()).extracting(Decision::status, Decision::rule, Decision::policyVersion)
                .containsExactly(Status.APPROVED, Rule.NO_FIRST_REFUSAL, "2026-03-19");
    }

    /**
     * A non-material revision of an offer pending under the base, received after an amendment took effect, is judged by
     * the window's thresholds: the decision names the window's version, as every decision inside a window does.
     */
    @Test
    void aNonMaterialRevisionNamesTheVersionOfTheWindowWhoseThresholdsJudgedIt() {
        Instant amendedAt = T0.plus(Duration.ofDays(2));
        Amendment keep = new Amendment("2026-03-18", amendedAt, changes(Optional.of(Duration.ofDays(7))),
                Amendment.PendingOffers.KEEP, List.of());
        Adjudicator amended = new Adjudicator(Agreement.of(POLICY, List.of(keep)));
        Instant r2 = T0.plus(Duration.ofDays(4));
        OfferRecord record = InMemoryRecords.after(null, (Outcome.Changed) amended.decide(
                Delivery.direct(Offers.offer("o").receivedAt(T0).build()), Optional.empty(), T0));

        Outcome revised = amended.decide(Delivery.direct(Offers.offer("o").revision(2).receivedAt(r2).gpus(64_001).build()),
                Optional.of(record), r2);

        assertThat(revised.answer()).extracting(Decision::rule, Decision::policyVersion)
                .containsExactly(Rule.NON_MATERIAL_REVISION, POLICY.version());
    }

    /**
     * AGI declared in the base terms, with a later amendment that keeps the declaration: the release names the version
     * that made it (SPEC §11, "with the policyVersion that made the release"), the base, not the amendment in force.
     */
    @Test
    void anAgiReleaseNamesTheVersionThatDeclaredAgi() {
        Instant agi = T0.plus(Duration.ofDays(5));
        Amendment later = new Amendment("2026-03-18", T0.plus(Duration.ofDays(2)), changes(Optional.of(Duration.ofDays(10))),
                Amendment.PendingOffers.KEEP, List.of());
        Policy declaring = POLICY.toBuilder().agiDeclaredAt(Optional.of(agi)).build();

        assertThat(Agreement.of(declaring, List.of(later)).releases()).extracting(Agreement.Release::version)
                .containsExactly(POLICY.version());
    }

    /**
     * A notice whose instant is before the offer's receivedAt (the provider's clock ran ahead) counts from the opening:
     * the window is noticed, so an answer that reached the queue after its deadline is late.
     */
    @Test
    void aNoticeDatedBeforeTheOfferWasReceivedCountsFromTheOpening() {
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).build()), T0.plus(Duration.ofDays(1)));
        record = record(record, new Notice("o", 1, T0.minus(Duration.ofMinutes(20))), T0.plus(Duration.ofDays(2)));

        Instant late = T0.plus(POLICY.firstRefusalWindow()).plus(Duration.ofHours(1));
        Outcome answer = adjudicator.decide(new Delivery(Offers.match("o", late.minus(Duration.ofHours(3))), Optional.of(late)),
                Optional.of(record), late.plusSeconds(5));

        assertThat(answer.answer()).extracting(Decision::rule, Decision::late).containsExactly(Rule.FIRST_REFUSAL_LAPSED, true);
    }

    /**
     * An answer naming another revision, to an offer that expired before it: no window is in force then, so it is
     * refused as an answer to a decided offer (offerId), not for its revision.
     */
    @Test
    void anAnswerToAnExpiredOfferIsRefusedForTheOfferNotForTheRevisionItNames() {
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).validUntil(T0.plus(Duration.ofDays(3))).build()), T0);
        firstrefusal.domain.offer.HolderResponse answer = new firstrefusal.domain.offer.HolderResponse("r-1", "o", "azure",
                firstrefusal.domain.offer.Answer.MATCH, T0.plus(Duration.ofDays(4)), 3);
        OfferRecord expired = record;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> adjudicator.decide(Delivery.direct(answer), Optional.of(expired),
                T0.plus(Duration.ofDays(4)))).isInstanceOfSatisfying(firstrefusal.domain.offer.InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("offerId"));
    }

    /**
     * SPEC §4: "A message that arrives after a later-dated outcome was recorded is folded into its place in event time,
     * and a changed outcome is recorded as a correction", also when that later-dated outcome was itself corrected since.
     */
    @Test
    void aMessageArrivingAfterALaterDatedOutcomeWasRecordedIsRecordedAsACorrection() {
        Adjudicator noNotices = new Adjudicator(TestPolicies.withoutNotices());
        Instant deadline = T0.plus(POLICY.firstRefusalWindow());
        OfferRecord record = InMemoryRecords.after(null, (Outcome.Changed) noNotices.decide(
                Delivery.direct(Offers.offer("o").receivedAt(T0).build()), Optional.empty(), T0));
        record = InMemoryRecords.after(record, noNotices.onClock(record.state(), deadline.plus(Duration.ofMinutes(11)),
                deadline.plus(Duration.ofMinutes(11))).orElseThrow());
        record = InMemoryRecords.after(record, (Outcome.Changed) noNotices.decide(Delivery.direct(Offers.decline("o",
                deadline.minus(Duration.ofDays(3)))), Optional.of(record), deadline.plus(Duration.ofHours(11))));

        Outcome withdrawn = noNotices.decide(Delivery.direct(new Withdrawal("o", deadline.minus(Duration.ofHours(10)))),
                Optional.of(record), deadline.plus(Duration.ofHours(22)));

        HistoryEntry entry = ((Outcome.Changed) withdrawn).appended().getFirst();
        assertThat(entry.decision().rule()).isEqualTo(Rule.OFFER_WITHDRAWN);
        assertThat(entry.decision().corrects()).as("corrects the decline, the entry before it").isEqualTo(3L);
    }

    /**
     * A release carried only by a deployment that a later one replaced before the offer was even recorded: the window,
     * recorded under the later deployment, was never on record while the release was deployed, and the later
     * deployment has no such release, so nothing releases it ("A release a later deployment no longer carries keeps what
     * it released before").
     */
    @Test
    void aReleaseNoLongerDeployedWhenTheWindowWasRecordedDoesNotReleaseIt() {
        Instant release = T0.plus(Duration.ofHours(36)); // after the second deployment, before the third
        Amendment releasing = new Amendment("2026-03-21", release, changes(Optional.of(Duration.ofDays(14))),
                Amendment.PendingOffers.RELEASE, List.of());
        Amendment keeping = new Amendment("2026-03-25", T0.plus(Duration.ofDays(9)), changes(Optional.of(Duration.ofDays(14))),
                Amendment.PendingOffers.KEEP, List.of());
        Deployment first = new Deployment("d1", T0.minus(Duration.ofDays(30)), Agreement.of(POLICY));
        Deployment second = new Deployment("d2", T0.plus(Duration.ofDays(1)), Agreement.of(POLICY, List.of(releasing)));
        Deployment third = new Deployment("d3", T0.plus(Duration.ofDays(2)), Agreement.of(POLICY, List.of(keeping)));
        Adjudicator underThird = new Adjudicator(new Deployments(List.of(first, second, third), third));
        Instant recorded = T0.plus(Duration.ofDays(3));
        OfferRecord record = InMemoryRecords.after(null, (Outcome.Changed) underThird.decide(
                Delivery.direct(Offers.offer("o").receivedAt(T0).build()), Optional.empty(), recorded));

        Instant tick = release.plus(Duration.ofDays(1));
        Optional<Outcome.Changed> released = underThird.clockNeedsRecord(record.state())
                ? underThird.onClock(record, tick, tick) : underThird.onClock(record.state(), tick, tick);

        assertThat(released).isEmpty();
    }

    /**
     * A revision of a released offer, decided as a new offer (here expired on arrival) and folded in before a withdrawal
     * on record: the correction names the version it was decided under, not that of the offer's earlier, closed window.
     */
    @Test
    void aCorrectionToADecisionMadeAsANewOfferNamesItsOwnVersion() {
        Amendment releasing = new Amendment("2026-03-18", T0.plus(Duration.ofDays(2)), changes(Optional.of(Duration.ofDays(7))),
                Amendment.PendingOffers.RELEASE, List.of());
        Adjudicator amended = new Adjudicator(Agreement.of(POLICY, List.of(releasing)));
        OfferRecord record = InMemoryRecords.after(null, (Outcome.Changed) amended.decide(
                Delivery.direct(Offers.offer("o").receivedAt(T0).build()), Optional.empty(), T0));
        Instant withdrawn = T0.plus(Duration.ofDays(10));
        record = InMemoryRecords.after(record, (Outcome.Changed) amended.decide(Delivery.direct(new Withdrawal("o", withdrawn)),
                Optional.of(record), withdrawn));

        Outcome revised = amended.decide(Delivery.direct(Offers.offer("o").revision(2).receivedAt(withdrawn.minus(Duration.ofDays(1)))
                .validUntil(T0.plus(Duration.ofDays(1))).build()), Optional.of(record), withdrawn.plusSeconds(60));

        HistoryEntry correction = ((Outcome.Changed) revised).appended().getLast();
        assertThat(correction.decision()).extracting(Decision::rule, Decision::policyVersion, Decision::corrects)
                .containsExactly(Rule.EXPIRED_ON_ARRIVAL, "2026-03-18", 3L);
    }

    /**
     * A match binds the revision that opened the window, but the offer's revisions go on counting from the latest one
     * received: a third revision after a non-material second one and a match is refused because of the match, not as
     * one that skips a number.
     */
    @Test
    void aRevisionAfterAMatchIsRefusedForTheMatchNotAsSkippingANumber() {
        OfferRecord record = record(null, Delivery.direct(Offers.offer("o").receivedAt(T0).build()), T0);
        record = record(record, Delivery.direct(Offers.offer("o").revision(2).receivedAt(T0.plus(Duration.ofDays(1))).gpus(64_001).build()),
                T0.plus(Duration.ofDays(1)));
        record = record(record, Delivery.direct(Offers.match("o", T0.plus(Duration.ofDays(2)))), T0.plus(Duration.ofDays(2)));
        OfferRecord matched = record;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> adjudicator.decide(Delivery.direct(Offers.offer("o").revision(3)
                .receivedAt(T0.plus(Duration.ofDays(3))).price("1.00").build()), Optional.of(matched), T0.plus(Duration.ofDays(3))))
                .isInstanceOfSatisfying(firstrefusal.domain.offer.InvalidMessageException.class, e -> {
                    assertThat(e.field()).isEqualTo("revision");
                    assertThat(e.getMessage()).contains("binds both sides");
                });
    }

    /**
     * AGI declared in the base, moved by a second deployment, declared as before by a third: a window recorded under the
     * third is released by the declaration that deployment carries (the release was dropped once, and carried again).
     */
    @Test
    void aReleaseCarriedAgainByTheDeploymentThatRecordedTheWindowReleasesIt() {
        Instant agi = T0.plus(Duration.ofDays(3));
        Policy declaring = POLICY.toBuilder().agiDeclaredAt(Optional.of(agi)).build();
        Amendment moving = new Amendment("2026-03-25", T0.plus(Duration.ofDays(9)), Amendment.Changes.none()
                .with(Terms.AGI_DECLARED_AT, T0.plus(Duration.ofDays(20))),
                Amendment.PendingOffers.KEEP, List.of());
        Amendment other = new Amendment("2026-03-26", T0.plus(Duration.ofDays(10)), changes(Optional.of(Duration.ofDays(3))),
                Amendment.PendingOffers.KEEP, List.of());
        Deployment first = new Deployment("d1", T0.minus(Duration.ofDays(30)), Agreement.of(declaring));
        Deployment second = new Deployment("d2", T0.plus(Duration.ofDays(4)), Agreement.of(declaring, List.of(moving)));
        Deployment third = new Deployment("d3", T0.plus(Duration.ofDays(5)), Agreement.of(declaring, List.of(other)));
        Adjudicator underThird = new Adjudicator(new Deployments(List.of(first, second, third), third));
        OfferRecord record = InMemoryRecords.after(null, (Outcome.Changed) underThird.decide(
                Delivery.direct(Offers.offer("o").receivedAt(T0).build()), Optional.empty(), T0.plus(Duration.ofDays(6))));

        Instant tick = T0.plus(Duration.ofDays(7));
        Optional<Outcome.Changed> released = underThird.clockNeedsRecord(record.state())
                ? underThird.onClock(record, tick, tick) : underThird.onClock(record.state(), tick, tick);

        assertThat(released.orElseThrow().answer()).extracting(Decision::rule, Decision::decidedAt)
                .containsExactly(Rule.AGI_DECLARED, agi);
    }

    /** Changes that end first refusal, or (given a window) only change the window. */
    private static Amendment.Changes changes(Optional<Duration> window) {
        return Amendment.Changes.none().with(Terms.FIRST_REFUSAL_WINDOW, window)
                .with(Terms.FIRST_REFUSAL, window.isPresent() ? Optional.empty() : Optional.of(false));
    }

    private OfferRecord record(OfferRecord before, LogItem item, Instant now) {
        Outcome outcome = adjudicator.decide(item, Optional.ofNullable(before), now);
        return outcome instanceof Outcome.Changed change ? InMemoryRecords.after(before, change) : before;
    }
}
