package firstrefusal.reference;

import static firstrefusal.reference.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference model against SPEC §12 (versions, releases, AGI) and §11 "Configuration takes effect when it is
 * deployed", as the project reads it: nothing recorded under one deployment is re-judged by a later one.
 */
class ReferenceModelAgreementTest {
    private static final Terms BASE = base().build();
    private static final Agreement REVISED = agreement(BASE, revision20251028(BASE));
    private static final String R = "2025-10-28T00:00:00Z";
    private final ReferenceModel m = model(REVISED);

    /** The 2025-01-21 agreement until the revision is deployed on 2025-11-15, after its effective instant. */
    private final ReferenceModel deployed = new ReferenceModel(List.of(
            new Deployment(at("2025-01-21T00:00:00Z"), agreement(BASE)),
            new Deployment(at("2025-11-15T00:00:00Z"), REVISED)));

    private static Result.TickDone ticked(ReferenceModel model, String now) {
        return (Result.TickDone) send(model, now, tick(now));
    }

    // ---- which version decides ----

    @Test
    void aNewOfferAfterTheRevisionIsApprovedWithoutFirstRefusal() {
        Result r = send(m, "2025-11-01T00:00:00Z", offer("o", "2025-11-01T00:00:00Z"));
        assertThat(r).isEqualTo(new Result.Answered("APPROVED", "NO_FIRST_REFUSAL", at("2025-11-01T00:00:00Z"), null, 1,
                "2025-10-28", false, false));
        Result before = send(m, "2025-10-27T23:59:59Z", offer("p", "2025-10-27T23:59:59Z"));
        assertThat(((Result.Answered) before).policyVersion()).isEqualTo("2025-01-21");
        assertThat(((Result.Answered) before).status()).isEqualTo("PENDING_FIRST_REFUSAL");
    }

    @Test
    void anExemptApiCustomerIsApprovedOnlyUnderTheRevision() {
        assertThat(said(send(m, "2025-11-01T00:00:00Z", offer("o", "2025-11-01T00:00:00Z").workload("API").customer("us-national-security"))))
                .isEqualTo("APPROVED API_CUSTOMER_EXEMPT 2025-11-01T00:00:00Z");
        assertThat(said(send(m, "2025-11-01T00:00:00Z", offer("p", "2025-11-01T00:00:00Z").workload("API").customer("acme"))))
                .startsWith("REJECTED API_EXCLUSIVE_TO_HOLDER");
        assertThat(said(send(m, "2025-10-01T00:00:00Z", offer("q", "2025-10-01T00:00:00Z").workload("API").customer("us-national-security"))))
                .startsWith("REJECTED API_EXCLUSIVE_TO_HOLDER");
    }

    @Test
    void theRevisionsTermRunsThrough2032() {
        assertThat(said(send(m, "2025-11-01T00:00:00Z", offer("o", "2025-11-01T00:00:00Z").startDate("2032-12-31"))))
                .startsWith("APPROVED NO_FIRST_REFUSAL");
        assertThat(said(send(m, "2025-11-01T00:00:00Z", offer("p", "2025-11-01T00:00:00Z").startDate("2033-01-01"))))
                .startsWith("APPROVED OUTSIDE_CONTRACT_TERM");
    }

    @Test
    void underAKeepAmendmentAWindowFinishesUnderTheVersionThatOpenedIt() {
        Version shorter = amendment(new TermsBuilder(BASE).version("2025-10-28").window(Duration.ofDays(7)).build(), R, false);
        ReferenceModel keep = model(agreement(BASE, shorter));
        Result old = send(keep, "2025-10-25T00:00:00Z", offer("o", "2025-10-25T00:00:00Z"));
        send(keep, "2025-10-25T00:00:00Z", notice("o", 1, "2025-10-25T00:00:00Z"));
        assertThat(((Result.Answered) old).deadline()).isEqualTo(at("2025-11-08T00:00:00Z"));
        Result young = send(keep, "2025-10-29T00:00:00Z", offer("p", "2025-10-29T00:00:00Z"));
        assertThat((Result.Answered) young).extracting(Result.Answered::deadline, Result.Answered::policyVersion)
                .containsExactly(at("2025-11-05T00:00:00Z"), "2025-10-28");
        assertThat(ticked(keep, "2025-11-08T00:10:00Z").lapsed()).containsExactly("o");
        assertThat(keep.current("o").orElseThrow().policyVersion()).isEqualTo("2025-01-21");
    }

    // ---- releases ----

    @Test
    void aReleasingAmendmentApprovesPendingOffersAsOfItsInstant() {
        send(m, "2025-10-20T00:00:00Z", offer("o", "2025-10-20T00:00:00Z"));
        assertThat(ticked(m, "2025-10-27T23:59:59Z").released()).isEmpty();
        assertThat(ticked(m, R).released()).containsExactly("o");
        Entry released = m.current("o").orElseThrow();
        assertThat(released).extracting(Entry::status, Entry::rule, Entry::decidedAt, Entry::policyVersion)
                .containsExactly("APPROVED", "RELEASED_BY_AMENDMENT", at(R), "2025-10-28");
    }

    @Test
    void theNextMessageAfterAReleaseFirstRecordsIt() {
        send(m, "2025-10-20T00:00:00Z", offer("o", "2025-10-20T00:00:00Z"));
        send(m, "2025-10-30T00:00:00Z", withdrawal("o", "2025-10-30T00:00:00Z"));
        assertThat(story(m, "o")).containsExactly("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED 2025-10-20T00:00:00Z",
                "APPROVED RELEASED_BY_AMENDMENT " + R, "WITHDRAWN OFFER_WITHDRAWN 2025-10-30T00:00:00Z");
    }

    @Test
    void anAnswerForAReleasedWindowIsRefusedButOneInTimeCorrectsTheRelease() {
        send(m, "2025-10-20T00:00:00Z", offer("o", "2025-10-20T00:00:00Z"));
        ticked(m, R);
        assertThat(send(m, "2025-10-29T00:00:00Z", match("r-1", "o", "2025-10-29T00:00:00Z"))).isEqualTo(new Result.Refused("offerId"));
        send(m, "2025-10-29T00:00:00Z", match("r-2", "o", "2025-10-27T00:00:00Z"));
        assertThat(story(m, "o")).last().isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2025-10-27T00:00:00Z corrects 2");
    }

    @Test
    void agiReleasesPendingOffersAsOfTheDeclaration() {
        ReferenceModel agi = model(base().agi("2027-01-01T00:00:00Z").build());
        send(agi, "2026-12-20T00:00:00Z", offer("o", "2026-12-20T00:00:00Z"));
        assertThat(ticked(agi, "2027-01-01T00:00:00Z").released()).containsExactly("o");
        assertThat(agi.current("o").orElseThrow()).extracting(Entry::rule, Entry::decidedAt, Entry::policyVersion)
                .containsExactly("AGI_DECLARED", at("2027-01-01T00:00:00Z"), "2025-01-21");
    }

    // ---- deployments: nothing recorded earlier is re-judged ----

    @Test
    void aMatchedOfferStaysMatchedAfterARetroactiveRelease() {
        send(deployed, "2025-10-30T00:00:00Z", offer("o", "2025-10-30T00:00:00Z"));
        send(deployed, "2025-10-30T00:00:00Z", notice("o", 1, "2025-10-30T00:00:00Z"));
        send(deployed, "2025-11-05T00:00:00Z", match("r-1", "o", "2025-11-05T00:00:00Z"));
        assertThat(ticked(deployed, "2025-11-16T00:00:00Z").released()).isEmpty();
        assertThat(send(deployed, "2025-11-20T00:00:00Z", withdrawal("o", "2025-11-20T00:00:00Z"))).isEqualTo(new Result.Refused("offerId"));
        assertThat(story(deployed, "o")).last().isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2025-11-05T00:00:00Z");
    }

    @Test
    void aReleaseRecordedBeforeALaterDeploymentDroppedItStaysOnRecord() {
        // The release was deployed at 11:00 for 12:00. A revision dated 12:01 (within the skew) was recorded at 11:57,
        // through the release. A deployment at 11:58:30 dropped the release before its instant came.
        Version releasing = amendment(new TermsBuilder(BASE).version("2025-10-28").firstRefusal(false).build(), "2025-11-20T12:00:00Z", true);
        ReferenceModel dropped = new ReferenceModel(List.of(
                new Deployment(at("2025-01-21T00:00:00Z"), agreement(BASE)),
                new Deployment(at("2025-11-20T11:00:00Z"), agreement(BASE, releasing)),
                new Deployment(at("2025-11-20T11:58:30Z"), agreement(BASE))));
        send(dropped, "2025-11-15T00:00:00Z", offer("o", "2025-11-15T00:00:00Z"));
        send(dropped, "2025-11-15T00:00:00Z", notice("o", 1, "2025-11-15T00:00:00Z"));
        send(dropped, "2025-11-20T11:57:00Z", offer("o", "2025-11-20T12:01:00Z").revision(2));
        assertThat(story(dropped, "o")).element(1).isEqualTo("APPROVED RELEASED_BY_AMENDMENT 2025-11-20T12:00:00Z");

        // Recorded after the drop, a match dated after the release meets the offer as recorded: released, not pending.
        assertThat(send(dropped, "2025-11-20T13:00:00Z", match("r-1", "o", "2025-11-20T12:30:00Z"))).isEqualTo(new Result.Refused("offerId"));
        assertThat(ticked(dropped, "2025-11-20T13:00:00Z").released()).isEmpty();
        assertThat(story(dropped, "o")).as("nothing recorded is re-decided").hasSize(3).noneMatch(line -> line.contains("corrects"));
    }

    @Test
    void aPendingOfferOpenedAfterTheAmendmentIsReleasedAsOfItsOpening() {
        send(deployed, "2025-11-05T00:00:00Z", offer("o", "2025-11-05T00:00:00Z"));
        send(deployed, "2025-11-05T00:00:00Z", notice("o", 1, "2025-11-05T00:00:00Z"));
        assertThat(ticked(deployed, "2025-11-14T00:00:00Z").released()).isEmpty();
        assertThat(ticked(deployed, "2025-11-16T00:00:00Z").released()).containsExactly("o");
        assertThat(deployed.current("o").orElseThrow()).extracting(Entry::rule, Entry::decidedAt, Entry::policyVersion, Entry::corrects)
                .containsExactly("RELEASED_BY_AMENDMENT", at("2025-11-05T00:00:00Z"), "2025-10-28", null);
    }

    @Test
    void aPendingOfferOpenedBeforeTheAmendmentIsReleasedAsOfTheAmendment() {
        send(deployed, "2025-10-20T00:00:00Z", offer("o", "2025-10-20T00:00:00Z"));      // no notice: still pending
        assertThat(ticked(deployed, "2025-11-16T00:00:00Z").released()).containsExactly("o");
        assertThat(deployed.current("o").orElseThrow().decidedAt()).isEqualTo(at(R));
    }

    @Test
    void aDeclineRecordedBeforeTheDeploymentStays() {
        send(deployed, "2025-11-05T00:00:00Z", offer("o", "2025-11-05T00:00:00Z"));
        send(deployed, "2025-11-06T00:00:00Z", decline("r-1", "o", "2025-11-06T00:00:00Z"));
        assertThat(ticked(deployed, "2025-11-16T00:00:00Z").released()).isEmpty();
        assertThat(story(deployed, "o")).last().isEqualTo("APPROVED HOLDER_DECLINED 2025-11-06T00:00:00Z");
    }

    @Test
    void aLapseBeforeTheDeploymentStaysEvenWhenNoTickRecordedIt() {
        send(deployed, "2025-10-25T00:00:00Z", offer("o", "2025-10-25T00:00:00Z"));
        send(deployed, "2025-10-25T00:00:00Z", notice("o", 1, "2025-10-25T00:00:00Z"));
        Result.TickDone tick = ticked(deployed, "2025-11-16T00:00:00Z");
        assertThat(tick.lapsed()).containsExactly("o");
        assertThat(tick.released()).isEmpty();
        assertThat(deployed.current("o").orElseThrow().policyVersion()).isEqualTo("2025-01-21");
    }

    @Test
    void aNewOfferAfterTheDeploymentGetsTheAmendmentsRule() {
        assertThat(said(send(deployed, "2025-11-10T00:00:00Z", offer("before", "2025-11-10T00:00:00Z"))))
                .startsWith("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED");
        assertThat(said(send(deployed, "2025-11-20T00:00:00Z", offer("after", "2025-11-20T00:00:00Z"))))
                .isEqualTo("APPROVED NO_FIRST_REFUSAL 2025-11-20T00:00:00Z");
    }

    @Test
    void anAnswerRecordedAfterTheDeploymentButEffectiveBeforeTheReleaseStillTakesEffect() {
        send(deployed, "2025-10-20T00:00:00Z", offer("o", "2025-10-20T00:00:00Z"));
        send(deployed, "2025-10-20T00:00:00Z", offer("p", "2025-10-20T00:00:00Z"));
        assertThat(said(send(deployed, "2025-11-16T00:00:00Z", match("r-1", "o", "2025-10-27T00:00:00Z"))))
                .isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2025-10-27T00:00:00Z");
        assertThat(send(deployed, "2025-11-16T00:00:00Z", match("r-2", "p", "2025-10-29T00:00:00Z"))).isEqualTo(new Result.Refused("offerId"));
        assertThat(ticked(deployed, "2025-11-16T00:00:00Z").released()).containsExactly("p");
    }

    @Test
    void aBackdatedOfferRecordedAfterTheDeploymentIsReleasedAtTheAmendment() {
        assertThat(said(send(deployed, "2025-11-20T00:00:00Z", offer("o", "2025-10-20T00:00:00Z"))))
                .isEqualTo("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED 2025-10-20T00:00:00Z");
        assertThat(ticked(deployed, "2025-11-20T00:00:00Z").released()).containsExactly("o");
        assertThat(deployed.current("o").orElseThrow().decidedAt()).isEqualTo(at(R));
    }
}
