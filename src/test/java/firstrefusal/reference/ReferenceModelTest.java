package firstrefusal.reference;

import static firstrefusal.reference.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reference model against SPEC §4: the new-offer table, what decides a pending offer, revisions and repeats. */
class ReferenceModelTest {
    private static final String T0 = "2026-12-01T15:00:00Z";
    private static final String DEADLINE = "2026-12-15T15:00:00Z";
    private final ReferenceModel m = model(base().build());

    /** A pending offer whose notice went out on time, so its deadline counts. */
    private void pendingAndNoticed(String offerId) {
        send(m, T0, offer(offerId, T0));
        send(m, T0, notice(offerId, 1, T0));
    }

    // ---- the new-offer table ----

    @Test
    void newThirdPartyOfferGivesTheHolderFourteenDays() {
        Result r = send(m, T0, offer("oracle-abilene-1", T0).validUntil("2027-01-15T00:00:00Z"));
        assertThat(r).isEqualTo(new Result.Answered("PENDING_FIRST_REFUSAL", "FIRST_REFUSAL_REQUIRED", at(T0), at(DEADLINE),
                1, "2025-01-21", false, false));
        assertThat(m.history("oracle-abilene-1")).singleElement()
                .isEqualTo(new Entry(1, "PENDING_FIRST_REFUSAL", "FIRST_REFUSAL_REQUIRED", at(T0), at(DEADLINE), 1,
                        "2025-01-21", null, at(T0)));
    }

    @Test
    void rule1OfferNoLongerValidOnArrivalExpires() {
        assertThat(said(send(m, T0, offer("o", T0).validUntil(T0)))).isEqualTo("EXPIRED EXPIRED_ON_ARRIVAL " + T0);
    }

    @Test
    void rule2TheHoldersOwnCapacityIsApproved() {
        assertThat(said(send(m, T0, offer("o", T0).provider("azure")))).isEqualTo("APPROVED HOLDER_CAPACITY " + T0);
    }

    @Test
    void rule3AgiDeclaredAtOrBeforeReceiptApproves() {
        ReferenceModel agi = model(base().agi(T0).build());
        assertThat(said(send(agi, T0, offer("o", T0)))).isEqualTo("APPROVED AGI_DECLARED " + T0);
        assertThat(said(send(agi, T0, offer("p", "2026-12-01T14:59:59Z"))))
                .startsWith("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED");
    }

    @Test
    void rule4CapacityStartingAfterTheTermIsApproved() {
        assertThat(said(send(m, T0, offer("o", T0).startDate("2031-01-01")))).isEqualTo("APPROVED OUTSIDE_CONTRACT_TERM " + T0);
        assertThat(said(send(m, T0, offer("p", T0).startDate("2030-12-31")))).startsWith("PENDING_FIRST_REFUSAL");
    }

    @Test
    void rule5ApiWorkIsRejectedWhenNoAmendmentExemptsItsCustomer() {
        assertThat(said(send(m, T0, offer("o", T0).workload("API").customer("us-national-security"))))
                .isEqualTo("REJECTED API_EXCLUSIVE_TO_HOLDER " + T0);
    }

    @Test
    void rule6SelfBuiltResearchAndTrainingIsApprovedButNotProduct() {
        assertThat(said(send(m, T0, offer("o", T0).provider("stargate").workload("RESEARCH"))))
                .isEqualTo("APPROVED SELF_BUILD_RESEARCH_TRAINING " + T0);
        assertThat(said(send(m, T0, offer("p", T0).provider("stargate").workload("PRODUCT")))).startsWith("PENDING_FIRST_REFUSAL");
    }

    @Test
    void rule7AnExceptionApprovesOnlyItsOwnProvidersOffer() {
        assertThat(said(send(m, T0, offer("oci-openai-2024-06", T0)))).isEqualTo("APPROVED APPROVED_EXCEPTION " + T0);
        ReferenceModel other = model(base().build());
        assertThat(said(send(other, T0, offer("oci-openai-2024-06", T0).provider("google")))).startsWith("PENDING_FIRST_REFUSAL");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThat(send(m, T0, offer("o", T0).provider("aws"))).isEqualTo(new Result.Refused("provider"));
        assertThat(m.history("o")).isEmpty();
    }

    // ---- while pending ----

    @Test
    void aMatchInTimeIsMatchedByTheHolder() {
        pendingAndNoticed("o");
        assertThat(said(send(m, "2026-12-05T09:00:00Z", match("r-1", "o", "2026-12-05T09:00:00Z"))))
                .isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2026-12-05T09:00:00Z");
    }

    @Test
    void aDeclineInTimeApprovesTheOffer() {
        pendingAndNoticed("o");
        assertThat(said(send(m, "2026-12-05T09:00:00Z", decline("r-1", "o", "2026-12-05T09:00:00Z"))))
                .isEqualTo("APPROVED HOLDER_DECLINED 2026-12-05T09:00:00Z");
    }

    @Test
    void anAnswerDatedExactlyAtTheDeadlineIsInTime() {
        pendingAndNoticed("o");
        assertThat(said(send(m, DEADLINE, match("r-1", "o", DEADLINE)))).isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED " + DEADLINE);
    }

    @Test
    void anAnswerAtTheInstantTheOfferExpiresIsInTime() {
        send(m, T0, offer("o", T0).validUntil("2026-12-10T00:00:00Z"));
        send(m, T0, notice("o", 1, T0));
        assertThat(said(send(m, "2026-12-10T00:00:00Z", decline("r-1", "o", "2026-12-10T00:00:00Z"))))
                .isEqualTo("APPROVED HOLDER_DECLINED 2026-12-10T00:00:00Z");
    }

    @Test
    void theClockExpiresAnOfferAtItsValidUntilWithoutGrace() {
        send(m, T0, offer("o", T0).validUntil("2026-12-10T00:00:00Z"));
        assertThat(send(m, "2026-12-10T00:00:00Z", tick("2026-12-10T00:00:00Z")))
                .isEqualTo(new Result.TickDone(java.util.List.of(), java.util.List.of("o"), java.util.List.of()));
        assertThat(story(m, "o")).last().isEqualTo("EXPIRED OFFER_EXPIRED 2026-12-10T00:00:00Z");
    }

    @Test
    void anOfferWhoseValidUntilEqualsItsDeadlineExpiresRatherThanLapses() {
        send(m, T0, offer("o", T0).validUntil(DEADLINE));
        send(m, T0, notice("o", 1, T0));
        send(m, "2026-12-16T00:00:00Z", tick("2026-12-16T00:00:00Z"));
        assertThat(story(m, "o")).last().isEqualTo("EXPIRED OFFER_EXPIRED " + DEADLINE);
    }

    @Test
    void theClockLapsesOnlyOnceTheDeadlineIsClockGraceOld() {
        pendingAndNoticed("o");
        Result early = send(m, "2026-12-15T15:09:59Z", tick("2026-12-15T15:09:59Z"));
        assertThat(((Result.TickDone) early).lapsed()).isEmpty();
        Result due = send(m, "2026-12-15T15:10:00Z", tick("2026-12-15T15:10:00Z"));
        assertThat(((Result.TickDone) due).lapsed()).containsExactly("o");
        assertThat(story(m, "o")).last().isEqualTo("APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE);
    }

    @Test
    void aMessageAfterTheDeadlineFirstRecordsTheLapse() {
        pendingAndNoticed("o");
        assertThat(said(send(m, "2026-12-20T00:00:00Z", withdrawal("o", "2026-12-20T00:00:00Z"))))
                .isEqualTo("WITHDRAWN OFFER_WITHDRAWN 2026-12-20T00:00:00Z");
        assertThat(story(m, "o")).containsExactly("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED " + T0,
                "APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE, "WITHDRAWN OFFER_WITHDRAWN 2026-12-20T00:00:00Z");
    }

    @Test
    void aLateAnswerGetsTheLapseBackAndWritesNoEntry() {
        pendingAndNoticed("o");
        send(m, "2026-12-15T15:10:00Z", tick("2026-12-15T15:10:00Z"));
        assertThat(said(send(m, "2026-12-16T00:00:00Z", match("r-1", "o", "2026-12-16T00:00:00Z"))))
                .isEqualTo("APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE + " late");
        assertThat(m.history("o")).hasSize(2);
    }

    @Test
    void aLateAnswerBeforeAnyTickRecordsTheLapseAndIsStillLate() {
        pendingAndNoticed("o");
        assertThat(said(send(m, "2026-12-16T00:00:00Z", decline("r-1", "o", "2026-12-16T00:00:00Z"))))
                .isEqualTo("APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE + " late");
        assertThat(story(m, "o")).hasSize(2).last().isEqualTo("APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE);
    }

    @Test
    void aWithdrawalEndsAnApprovedOfferButNotARejectedOrMatchedOne() {
        send(m, T0, offer("ok", T0).provider("azure"));
        assertThat(said(send(m, "2026-12-02T00:00:00Z", withdrawal("ok", "2026-12-02T00:00:00Z")))).startsWith("WITHDRAWN");
        send(m, T0, offer("api", T0).workload("API"));
        assertThat(send(m, "2026-12-02T00:00:00Z", withdrawal("api", "2026-12-02T00:00:00Z"))).isEqualTo(new Result.Refused("offerId"));
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", match("r-1", "o", "2026-12-02T00:00:00Z"));
        assertThat(send(m, "2026-12-03T00:00:00Z", withdrawal("o", "2026-12-03T00:00:00Z"))).isEqualTo(new Result.Refused("offerId"));
    }

    @Test
    void answersToUnknownOffersFromOthersThanTheHolderOrToDecidedOffersAreRefused() {
        assertThat(send(m, T0, match("r-0", "nope", T0))).isEqualTo(new Result.Refused("offerId"));
        pendingAndNoticed("o");
        Input.Answer fromOracle = new Input.Answer("r-1", "o", "oracle", "MATCH", at(T0), null, null, null);
        assertThat(send(m, T0, fromOracle)).isEqualTo(new Result.Refused("responder"));
        send(m, "2026-12-02T00:00:00Z", decline("r-2", "o", "2026-12-02T00:00:00Z"));
        assertThat(send(m, "2026-12-03T00:00:00Z", match("r-3", "o", "2026-12-03T00:00:00Z"))).isEqualTo(new Result.Refused("offerId"));
    }

    // ---- revisions ----

    @Test
    void aRevisionFivePercentCheaperReopensFirstRefusal() {
        pendingAndNoticed("o");
        Result r = send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(2).price("1.995"));
        assertThat(r).isEqualTo(new Result.Answered("PENDING_FIRST_REFUSAL", "MATERIAL_CHANGE", at("2026-12-03T00:00:00Z"),
                at("2026-12-17T00:00:00Z"), 2, "2025-01-21", false, false));
    }

    @Test
    void aRevisionJustUnderTheThresholdsLeavesTheDecisionStanding() {
        pendingAndNoticed("o");
        Result r = send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(2).price("1.9951").gpus(70_399));
        assertThat(r).isEqualTo(new Result.Answered("PENDING_FIRST_REFUSAL", "NON_MATERIAL_REVISION", at("2026-12-03T00:00:00Z"),
                at(DEADLINE), 2, "2025-01-21", false, false));
    }

    @Test
    void aRevisionTenPercentLargerReopensFirstRefusal() {
        pendingAndNoticed("o");
        assertThat(said(send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(2).gpus(70_400))))
                .startsWith("PENDING_FIRST_REFUSAL MATERIAL_CHANGE");
    }

    @Test
    void materialChangeIsMeasuredAgainstTheTermsTheHolderWasShown() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", offer("o", "2026-12-02T00:00:00Z").revision(2).price("2.037"));   // -3 %
        assertThat(said(send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(3).price("1.974"))))
                .startsWith("PENDING_FIRST_REFUSAL MATERIAL_CHANGE");                                   // -6 % of 2.10
    }

    @Test
    void aMaterialRevisionOfADeclinedOfferReopensFirstRefusal() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", decline("r-1", "o", "2026-12-02T00:00:00Z"));
        assertThat(said(send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(2).price("1.50"))))
                .startsWith("PENDING_FIRST_REFUSAL MATERIAL_CHANGE");
    }

    @Test
    void aRevisionAfterAMatchIsRefusedNamingRevision() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", match("r-1", "o", "2026-12-02T00:00:00Z"));
        assertThat(send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(2).price("1.50")))
                .isEqualTo(new Result.Refused("revision"));
    }

    @Test
    void aRevisionOfAWithdrawnOfferIsDecidedAsNew() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", withdrawal("o", "2026-12-02T00:00:00Z"));
        assertThat(said(send(m, "2026-12-03T00:00:00Z", offer("o", "2026-12-03T00:00:00Z").revision(2))))
                .isEqualTo("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED 2026-12-03T00:00:00Z");
    }

    @Test
    void aRevisionThatSkipsANumberOrChangesTheProviderIsRefused() {
        pendingAndNoticed("o");
        assertThat(send(m, T0, offer("o", T0).revision(3))).isEqualTo(new Result.Refused("revision"));
        assertThat(send(m, T0, offer("o", T0).revision(2).provider("google"))).isEqualTo(new Result.Refused("provider"));
        assertThat(send(m, T0, offer("fresh", T0).revision(2))).isEqualTo(new Result.Refused("revision"));
    }

    @Test
    void afterAgiAMateriallyBetterRevisionIsApprovedNotReopened() {
        ReferenceModel agi = model(base().agi("2026-12-10T00:00:00Z").window(Duration.ofDays(30)).build());
        send(agi, T0, offer("o", T0));
        send(agi, T0, notice("o", 1, T0));
        send(agi, "2026-12-01T16:00:00Z", decline("r-1", "o", "2026-12-01T16:00:00Z"));
        assertThat(said(send(agi, "2026-12-11T00:00:00Z", offer("o", "2026-12-11T00:00:00Z").revision(2).price("1.00"))))
                .isEqualTo("APPROVED AGI_DECLARED 2026-12-11T00:00:00Z");
    }

    @Test
    void aMatchBindsTheRevisionThatOpenedTheWindow() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", offer("o", "2026-12-02T00:00:00Z").revision(2).price("2.09"));
        Result r = send(m, "2026-12-03T00:00:00Z", match("r-1", "o", "2026-12-03T00:00:00Z"));
        assertThat(((Result.Answered) r).revision()).isEqualTo(1);
        assertThat(m.current("o").orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void anAnswerNamingAnotherRevisionThanTheWindowsIsRefused() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", offer("o", "2026-12-02T00:00:00Z").revision(2).price("2.09"));
        Input.Answer forRevision2 = new Input.Answer("r-1", "o", "azure", "MATCH", at("2026-12-03T00:00:00Z"), 2, null, null);
        assertThat(send(m, "2026-12-03T00:00:00Z", forRevision2)).isEqualTo(new Result.Refused("revision"));
    }

    // ---- repeats ----

    @Test
    void theSameOfferAgainIsADuplicateNumbersByValueAndOtherContentIsAConflict() {
        send(m, T0, offer("o", T0));
        assertThat(said(send(m, "2026-12-02T00:00:00Z", offer("o", T0).price("2.1"))))
                .isEqualTo("PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED " + T0 + " duplicate");
        assertThat(send(m, "2026-12-02T00:00:00Z", offer("o", T0).gpus(1))).isEqualTo(new Result.Refused("revision"));
        assertThat(m.history("o")).hasSize(1);
    }

    @Test
    void theSameResponseAgainGetsTheDecisionAsItStandsNow() {
        pendingAndNoticed("o");
        send(m, "2026-12-02T00:00:00Z", decline("r-1", "o", "2026-12-02T00:00:00Z"));
        send(m, "2026-12-03T00:00:00Z", withdrawal("o", "2026-12-03T00:00:00Z"));
        assertThat(said(send(m, "2026-12-04T00:00:00Z", decline("r-1", "o", "2026-12-02T00:00:00Z"))))
                .isEqualTo("WITHDRAWN OFFER_WITHDRAWN 2026-12-03T00:00:00Z duplicate");
        assertThat(m.history("o")).hasSize(3);
    }

    @Test
    void aResponseIdReusedWithAnotherAnswerOrForAnotherOfferIsRefused() {
        pendingAndNoticed("o");
        pendingAndNoticed("p");
        send(m, "2026-12-02T00:00:00Z", decline("r-1", "o", "2026-12-02T00:00:00Z"));
        assertThat(send(m, "2026-12-02T00:00:00Z", match("r-1", "o", "2026-12-02T00:00:00Z"))).isEqualTo(new Result.Refused("responseId"));
        assertThat(send(m, "2026-12-02T00:00:00Z", decline("r-1", "p", "2026-12-02T00:00:00Z"))).isEqualTo(new Result.Refused("responseId"));
    }
}
