package firstrefusal.domain.fold;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Configuration takes effect when it is deployed (src/docs/contract.md): offers recorded under the base agreement, then a
 * second deployment with an amendment whose instant lies before it (no first refusal, pending offers released). What was
 * recorded stays what it was; what is recorded after is judged under the amendment.
 */
class DeployedConfigurationTest {

    private static final Policy BASE = TestPolicies.defaultContract();
    private static final Instant JULY_1 = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant OFFERED = Instant.parse("2026-07-10T09:00:00Z");
    private static final Instant DEPLOYED = Instant.parse("2026-07-15T12:00:00Z");
    private static final Amendment NO_FIRST_REFUSAL = new Amendment("2026-07-01", JULY_1,
            changes(Optional.empty(), Optional.of(false)), Amendment.PendingOffers.RELEASE, List.of());

    private final Deployment first = new Deployment("base", Instant.parse("2026-01-01T00:00:00Z"), Agreement.of(BASE));
    private final Deployment second = new Deployment("amended", DEPLOYED, Agreement.of(BASE, List.of(NO_FIRST_REFUSAL)));
    private final Adjudicator underBase = new Adjudicator(new Deployments(List.of(first), first));
    private final Adjudicator underAmendment = new Adjudicator(new Deployments(List.of(first, second), second));

    @Test
    void aMatchRecordedBeforeTheDeploymentStaysAndTheOfferCannotBeWithdrawnAfterwards() {
        OfferRecord record = noticedOffer("matched");
        record = record(underBase, record, Offers.match("matched", OFFERED.plus(Duration.ofDays(2))), OFFERED.plus(Duration.ofDays(2)));

        assertThat(underAmendment.fold().of(record).decision().rule()).as("re-folded under the amendment").isEqualTo(Rule.HOLDER_MATCHED);
        assertThat(underAmendment.fold().of(record).withoutEffect()).as("nothing recorded becomes without effect").isEmpty();
        OfferRecord matched = record;
        assertThatThrownBy(() -> underAmendment.decide(Delivery.direct(new Withdrawal("matched", Instant.parse("2026-07-20T00:00:00Z"))),
                Optional.of(matched), Instant.parse("2026-07-20T00:00:00Z")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("MATCHED_BY_HOLDER");
        assertThat(underAmendment.onClock(matched, DEPLOYED.plus(Duration.ofMinutes(1)), DEPLOYED)).isEmpty();
    }

    @Test
    void anOfferStillPendingIsReleasedByTheFirstTickAsOfItsOpeningNotTheAmendmentsInstant() {
        OfferRecord record = noticedOffer("pending");

        Outcome.Changed released = underAmendment.onClock(record, DEPLOYED.plus(Duration.ofMinutes(5)), DEPLOYED.plus(Duration.ofMinutes(5)))
                .orElseThrow();

        Decision decision = released.answer();
        assertThat(decision.status()).isEqualTo(Status.APPROVED);
        assertThat(decision.rule()).isEqualTo(Rule.RELEASED_BY_AMENDMENT);
        assertThat(decision.decidedAt()).as("the later of the instant and the opening").isEqualTo(OFFERED);
        assertThat(decision.policyVersion()).isEqualTo("2026-07-01");
        assertThat(underAmendment.clockNeedsRecord(record.state())).as("the clock reads the record").isTrue();
        OfferRecord after = InMemoryRecords.after(record, released);
        assertThat(underAmendment.fold().of(after).decision().rule()).isEqualTo(Rule.RELEASED_BY_AMENDMENT);
        assertThat(underAmendment.clockNeedsRecord(after.state())).as("decided: no longer pending").isFalse();
    }

    @Test
    void aHolderAnswerRecordedAfterTheDeploymentForAReleasedWindowIsRefused() {
        OfferRecord record = noticedOffer("late-answer");
        Instant answered = OFFERED.plus(Duration.ofDays(3));

        assertThatThrownBy(() -> underAmendment.decide(Delivery.direct(Offers.match("late-answer", answered)), Optional.of(record),
                DEPLOYED.plus(Duration.ofHours(1)))).isInstanceOf(InvalidMessageException.class).hasMessageContaining("RELEASED_BY_AMENDMENT");
    }

    @Test
    void aDeclineRecordedBeforeTheDeploymentStaysDeclined() {
        OfferRecord record = noticedOffer("declined");
        record = record(underBase, record, Offers.decline("declined", OFFERED.plus(Duration.ofDays(1))), OFFERED.plus(Duration.ofDays(1)));

        assertThat(underAmendment.fold().of(record).decision().rule()).isEqualTo(Rule.HOLDER_DECLINED);
        assertThat(underAmendment.onClock(record, DEPLOYED.plus(Duration.ofDays(1)), DEPLOYED)).isEmpty();
    }

    @Test
    void aNewOfferAfterTheDeploymentGetsTheAmendmentsRule() {
        Instant later = DEPLOYED.plus(Duration.ofDays(1));
        Outcome.Changed change = (Outcome.Changed) underAmendment.decide(
                Delivery.direct(Offers.offer("new").receivedAt(later).build()), Optional.empty(), later);

        assertThat(change.answer().rule()).isEqualTo(Rule.NO_FIRST_REFUSAL);
        assertThat(change.answer().policyVersion()).isEqualTo("2026-07-01");
    }

    @Test
    void anOfferRecordedBeforeTheDeploymentButDatedAfterTheAmendmentKeepsItsWindowOnReFold() {
        OfferRecord record = noticedOffer("kept-window");

        Fold.Folded refolded = underAmendment.fold().of(record);

        assertThat(refolded.decision().rule()).as("judged once, when recorded").isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
        assertThat(refolded.decision().policyVersion()).isEqualTo("2025-01-21");
    }

    @Test
    void theHolderAccountFollowsTheVersionInForceAtTheAnswer() {
        Amendment newAccount = new Amendment("2026-08-01", Instant.parse("2026-08-01T00:00:00Z"),
                changes(Optional.of("222222222222"), Optional.empty()), Amendment.PendingOffers.KEEP, List.of());
        Policy withAccount = BASE.toBuilder().holderAccount(Optional.of("111111111111")).build();
        Deployment only = new Deployment("accounts", Deployment.BEFORE_RECORDS, Agreement.of(withAccount, List.of(newAccount)));
        Adjudicator rules = new Adjudicator(new Deployments(List.of(only), only));
        Instant august = Instant.parse("2026-08-02T00:00:00Z");
        HolderResponse answer = new HolderResponse("r-1", "o", "azure", firstrefusal.domain.offer.Answer.MATCH, august);

        assertThatThrownBy(() -> rules.check(new Delivery(answer, Optional.empty(), Optional.of("111111111111"))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("account").hasMessageContaining("222222222222");
        rules.check(new Delivery(answer, Optional.empty(), Optional.of("222222222222")));
        HolderResponse july = new HolderResponse("r-2", "o", "azure", firstrefusal.domain.offer.Answer.MATCH, OFFERED);
        rules.check(new Delivery(july, Optional.empty(), Optional.of("111111111111")));
    }

    @Test
    void aLaterRepeatWithdrawalWritesNothingAtAll() {
        OfferRecord record = noticedOffer("withdrawn");
        Instant withdrawn = OFFERED.plus(Duration.ofDays(1));
        record = record(underBase, record, new Withdrawal("withdrawn", withdrawn), withdrawn);

        Outcome repeat = underBase.decide(Delivery.direct(new Withdrawal("withdrawn", withdrawn.plus(Duration.ofDays(1)))),
                Optional.of(record), withdrawn.plus(Duration.ofDays(1)));

        assertThat(repeat).isInstanceOf(Outcome.Unchanged.class);
        assertThat(repeat.answer().duplicate()).isTrue();
        assertThat(repeat.answer().rule()).isEqualTo(Rule.OFFER_WITHDRAWN);
    }

    /**
     * A release recorded before a later deployment dropped it stays on record (differential world o718073): a message dated
     * just after the release's instant, within the clock skew, was recorded under the deployment that carried the release
     * before that instant came; a third deployment, still before the instant, no longer carries it. Re-folded under the
     * third, the record reads back as it was written, and neither the clock nor a repeat corrects it.
     */
    @Test
    void aReleaseRecordedBeforeALaterDeploymentDroppedItStaysOnRecord() {
        Instant releaseAt = Instant.parse("2026-07-20T12:00:00Z");
        Amendment releasing = new Amendment("2026-07-20", releaseAt, changes(Optional.empty(), Optional.of(false)),
                Amendment.PendingOffers.RELEASE, List.of());
        Deployment carrying = new Deployment("carrying", Instant.parse("2026-07-20T11:00:00Z"), Agreement.of(BASE, List.of(releasing)));
        Deployment dropping = new Deployment("dropping", Instant.parse("2026-07-20T11:58:30Z"), Agreement.of(BASE));
        Adjudicator underCarrying = new Adjudicator(new Deployments(List.of(first, carrying), carrying));
        Adjudicator underDropping = new Adjudicator(new Deployments(List.of(first, carrying, dropping), dropping));
        OfferRecord record = noticedOffer("kept-release");
        Instant recorded = Instant.parse("2026-07-20T11:57:00Z");
        Instant withdrawn = releaseAt.plus(Duration.ofMinutes(1));
        record = record(underCarrying, record, new Delivery(new Withdrawal("kept-release", withdrawn), Optional.of(recorded)), recorded);
        assertThat(record.history()).extracting(h -> h.decision().rule())
                .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.RELEASED_BY_AMENDMENT, Rule.OFFER_WITHDRAWN);

        Fold.Folded refolded = underDropping.fold().of(record);

        assertThat(refolded.steps()).extracting(step -> step.decision().rule()).as("the record as written")
                .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.RELEASED_BY_AMENDMENT, Rule.OFFER_WITHDRAWN);
        assertThat(refolded.steps().get(1).decision().decidedAt()).isEqualTo(releaseAt);
        Instant later = releaseAt.plus(Duration.ofHours(1));
        assertThat(underDropping.onClock(record, later, later)).as("the clock corrects nothing").isEmpty();
        Outcome repeat = underDropping.decide(new Delivery(new Withdrawal("kept-release", withdrawn), Optional.of(later)),
                Optional.of(record), later);
        assertThat(repeat).as("a redelivery writes nothing").isInstanceOf(Outcome.Unchanged.class);
    }

    private OfferRecord noticedOffer(String id) {
        OfferRecord record = record(underBase, null, Offers.offer(id).receivedAt(OFFERED).startDate("2027-01-01").build(), OFFERED);
        return record(underBase, record, new Notice(id, 1, OFFERED), OFFERED);
    }

    private static OfferRecord record(Adjudicator rules, OfferRecord before, Object message, Instant recordedAt) {
        LogItem item = message instanceof LogItem i ? i : Delivery.direct((firstrefusal.domain.offer.OfferMessage) message);
        Outcome outcome = rules.decide(item, Optional.ofNullable(before), recordedAt);
        return outcome instanceof Outcome.Changed change ? InMemoryRecords.after(before, change) : before;
    }

    private static Amendment.Changes changes(Optional<String> holderAccount, Optional<Boolean> firstRefusal) {
        return Amendment.Changes.none().with(Terms.HOLDER_ACCOUNT, holderAccount).with(Terms.FIRST_REFUSAL, firstRefusal);
    }


    @Test
    void anOfferFromAProviderALaterDeploymentDroppedStillFoldsAndIsJudgedAsBefore() {
        Policy withNebius = BASE.toBuilder().providers(withProvider("nebius")).build();
        Deployment before = new Deployment("with-nebius", Instant.parse("2026-01-01T00:00:00Z"), Agreement.of(withNebius));
        Deployment after = new Deployment("without-nebius", DEPLOYED, Agreement.of(BASE));
        Adjudicator earlier = new Adjudicator(new Deployments(List.of(before), before));
        Adjudicator later = new Adjudicator(new Deployments(List.of(before, after), after));
        OfferRecord record = record(earlier, null, Offers.offer("nebius-1").provider("nebius").receivedAt(OFFERED).build(), OFFERED);
        record = record(earlier, record, new Notice("nebius-1", 1, OFFERED), OFFERED);

        assertThat(later.fold().of(record).decision().rule()).isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
        Instant answered = OFFERED.plus(Duration.ofDays(2));
        Decision declined = later.decide(Delivery.direct(Offers.decline("nebius-1", answered)), Optional.of(record), DEPLOYED.plus(Duration.ofHours(1)))
                .answer();
        assertThat(declined.rule()).as("an answer for it, recorded after the provider was dropped").isEqualTo(Rule.HOLDER_DECLINED);
        OfferRecord lapsing = record;
        assertThat(later.onClock(lapsing, OFFERED.plus(Duration.ofDays(15)), OFFERED.plus(Duration.ofDays(15))).orElseThrow().answer().rule())
                .isEqualTo(Rule.FIRST_REFUSAL_LAPSED);
        assertThatThrownBy(() -> later.decide(Delivery.direct(Offers.offer("nebius-2").provider("nebius").receivedAt(DEPLOYED).build()),
                Optional.empty(), DEPLOYED.plus(Duration.ofHours(1)))).isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("provider:");
    }

    @Test
    void providersAndExceptionsAnAmendmentAddsApplyFromItsInstantAndARepeatedIdReplaces() {
        Instant august = Instant.parse("2026-08-01T00:00:00Z");
        firstrefusal.domain.policy.PreApproval replaced = new firstrefusal.domain.policy.PreApproval("oracle-2024-06", "oracle", Set.of("o-later"));
        Amendment adds = new Amendment("2026-08-01", august, Amendment.Changes.none().withProviders(Map.of("nebius",
                new firstrefusal.domain.policy.Provider("nebius", "Nebius", firstrefusal.domain.policy.ProviderKind.THIRD_PARTY)))
                .withExceptions(List.of(replaced)), Amendment.PendingOffers.KEEP, List.of());
        Adjudicator rules = new Adjudicator(Agreement.of(BASE, List.of(adds)));

        assertThat(decideNew(rules, Offers.offer("o-later").receivedAt(august.plusSeconds(1)).build()).rule()).isEqualTo(Rule.APPROVED_EXCEPTION);
        assertThat(decideNew(rules, Offers.offer("o-later").receivedAt(august.minusSeconds(1)).build()).rule())
                .as("before the amendment's instant").isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
        assertThat(decideNew(rules, Offers.offer("oci-openai-2024-06").receivedAt(august.plusSeconds(1)).build()).rule())
                .as("the exception's earlier offer ids are replaced").isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
        assertThat(decideNew(rules, Offers.offer("n-1").provider("nebius").receivedAt(august.plusSeconds(1)).build()).rule())
                .isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
        assertThatThrownBy(() -> decideNew(rules, Offers.offer("n-0").provider("nebius").receivedAt(august.minusSeconds(1)).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("provider:");
    }

    private static Decision decideNew(Adjudicator rules, firstrefusal.domain.offer.CapacityOffer offer) {
        return rules.decide(Delivery.direct(offer), Optional.empty(), offer.receivedAt()).answer();
    }

    private static Map<String, firstrefusal.domain.policy.Provider> withProvider(String id) {
        Map<String, firstrefusal.domain.policy.Provider> providers = new java.util.HashMap<>(BASE.providers());
        providers.put(id, new firstrefusal.domain.policy.Provider(id, "Nebius", firstrefusal.domain.policy.ProviderKind.THIRD_PARTY));
        return providers;
    }
}
