package firstrefusal.reference;

import static firstrefusal.reference.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference model against SPEC §11: arrival, event-time order, notices, corrections, repeats, the holder's account. */
class ReferenceModelTimeTest {
    private static final String T0 = "2026-12-01T15:00:00Z";
    private static final String DEADLINE = "2026-12-15T15:00:00Z";
    private static final String PENDING = "PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED " + T0;
    private final ReferenceModel m = model(base().build());

    private void pendingAndNoticed(String offerId) {
        send(m, T0, offer(offerId, T0));
        send(m, T0, notice(offerId, 1, T0));
    }

    private static List<String> lapsed(Result tick) {
        return ((Result.TickDone) tick).lapsed();
    }

    // ---- arrival and where a message stands ----

    @Test
    void aFirstRevisionStandsAtItsReceivedAtWhateverItsArrival() {
        Result r = send(m, "2026-12-01T15:04:00Z", offer("o", T0).arrival("2026-12-01T15:04:00Z"));
        assertThat(((Result.Answered) r).decidedAt()).isEqualTo(at(T0));
        assertThat(((Result.Answered) r).deadline()).isEqualTo(at(DEADLINE));
    }

    @Test
    void aLaterMessageStandsAtItsArrivalWhenThatIsLater() {
        pendingAndNoticed("o");
        Input.Offer r2 = offer("o", "2026-12-02T00:00:00Z").revision(2).price("2.09").arrival("2026-12-02T01:00:00Z").build();
        assertThat(said(send(m, "2026-12-02T01:00:00Z", r2))).isEqualTo("PENDING_FIRST_REFUSAL NON_MATERIAL_REVISION 2026-12-02T01:00:00Z");
    }

    @Test
    void aMessageFurtherAheadOfItsArrivalThanTheClockSkewIsRefusedNamingItsInstant() {
        assertThat(send(m, T0, offer("o", T0).arrival("2026-12-01T14:54:59Z"))).isEqualTo(new Result.Refused("receivedAt"));
        assertThat(said(send(m, T0, offer("o", T0).arrival("2026-12-01T14:55:00Z")))).isEqualTo(PENDING);
        Input.Answer ahead = new Input.Answer("r-1", "o", "azure", "MATCH", at("2026-12-02T00:10:00Z"), null,
                at("2026-12-02T00:04:59Z"), null);
        assertThat(send(m, "2026-12-02T00:05:00Z", ahead)).isEqualTo(new Result.Refused("respondedAt"));
        Input.Withdrawal early = new Input.Withdrawal("o", at("2026-12-02T00:10:00Z"), at("2026-12-02T00:04:59Z"));
        assertThat(send(m, "2026-12-02T00:05:00Z", early)).isEqualTo(new Result.Refused("withdrawnAt"));
        assertThat(m.history("o")).hasSize(1);
    }

    @Test
    void anAnswerDatedInTimeThatReachedTheQueueAfterTheDeadlineIsLate() {
        pendingAndNoticed("o");
        Input.Answer queued = new Input.Answer("r-1", "o", "azure", "MATCH", at("2026-12-15T14:00:00Z"), null,
                at("2026-12-15T16:00:00Z"), null);
        assertThat(said(send(m, "2026-12-15T16:00:00Z", queued))).isEqualTo("APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE + " late");
    }

    // ---- no lapse without notice ----

    @Test
    void withoutANoticeNothingLapsesAndEveryAnswerIsInTime() {
        send(m, T0, offer("o", T0));
        assertThat(lapsed(send(m, "2026-12-20T00:00:00Z", tick("2026-12-20T00:00:00Z")))).isEmpty();
        assertThat(said(send(m, "2026-12-21T00:00:00Z", match("r-1", "o", "2026-12-21T00:00:00Z"))))
                .isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2026-12-21T00:00:00Z");
    }

    @Test
    void aNoticeLaterThanTheNoticeGraceMovesTheDeadlineWithANoticeLateEntry() {
        send(m, T0, offer("o", T0));
        Result r = send(m, "2026-12-01T17:00:00Z", notice("o", 1, "2026-12-01T17:00:00Z"));
        assertThat(r).isEqualTo(new Result.Answered("PENDING_FIRST_REFUSAL", "NOTICE_LATE", at("2026-12-01T17:00:00Z"),
                at("2026-12-15T17:00:00Z"), 1, "2025-01-21", false, false));
        assertThat(lapsed(send(m, "2026-12-15T16:00:00Z", tick("2026-12-15T16:00:00Z")))).isEmpty();
        assertThat(lapsed(send(m, "2026-12-15T17:10:00Z", tick("2026-12-15T17:10:00Z")))).containsExactly("o");
    }

    @Test
    void aNoticeWithinTheNoticeGraceKeepsTheDeadline() {
        send(m, T0, offer("o", T0));
        send(m, "2026-12-01T16:00:00Z", notice("o", 1, "2026-12-01T16:00:00Z"));
        assertThat(m.history("o")).hasSize(1);
        assertThat(lapsed(send(m, "2026-12-15T15:10:00Z", tick("2026-12-15T15:10:00Z")))).containsExactly("o");
    }

    @Test
    void aNoticeDatedBeforeItsWindowOpenedCountsFromTheOpening() {
        send(m, T0, offer("o", "2026-12-01T18:00:00Z"));            // the offer's clock ran ahead of notify's
        send(m, T0, notice("o", 1, T0));
        assertThat(m.history("o")).hasSize(1);
        assertThat(lapsed(send(m, "2026-12-15T18:10:00Z", tick("2026-12-15T18:10:00Z")))).containsExactly("o");
    }

    @Test
    void theSameNoticeAgainIsADuplicate() {
        pendingAndNoticed("o");
        assertThat(((Result.Answered) send(m, T0, notice("o", 1, "2026-12-01T20:00:00Z"))).duplicate()).isTrue();
        assertThat(m.history("o")).hasSize(1);
    }

    @Test
    void withLapseRequiresNoticeOffTheDeadlineCountsFromTheOpening() {
        ReferenceModel old = model(base().lapseRequiresNotice(false).build());
        send(old, T0, offer("o", T0));
        assertThat(lapsed(send(old, "2026-12-15T15:10:00Z", tick("2026-12-15T15:10:00Z")))).containsExactly("o");
    }

    // ---- corrections ----

    @Test
    void aMatchInTimeProcessedAfterTheLapseCorrectsIt() {
        pendingAndNoticed("o");
        send(m, "2026-12-15T15:10:00Z", tick("2026-12-15T15:10:00Z"));
        assertThat(said(send(m, "2026-12-15T16:00:00Z", match("r-1", "o", "2026-12-15T14:00:00Z"))))
                .isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2026-12-15T14:00:00Z");
        assertThat(story(m, "o")).containsExactly(PENDING, "APPROVED FIRST_REFUSAL_LAPSED " + DEADLINE,
                "MATCHED_BY_HOLDER HOLDER_MATCHED 2026-12-15T14:00:00Z corrects 2");
        assertThat(m.current("o").orElseThrow().recordedAt()).isEqualTo(at("2026-12-15T16:00:00Z"));
    }

    @Test
    void aMatchEffectiveBeforeAWithdrawalProcessedFirstCorrectsTheWithdrawal() {
        pendingAndNoticed("o");
        send(m, "2026-12-05T00:00:00Z", withdrawal("o", "2026-12-05T00:00:00Z"));
        send(m, "2026-12-06T00:00:00Z", match("r-1", "o", "2026-12-04T00:00:00Z"));
        assertThat(story(m, "o")).containsExactly(PENDING, "WITHDRAWN OFFER_WITHDRAWN 2026-12-05T00:00:00Z",
                "MATCHED_BY_HOLDER HOLDER_MATCHED 2026-12-04T00:00:00Z corrects 2");
    }

    @Test
    void atOneInstantTheHoldersAnswerComesBeforeAWithdrawal() {
        pendingAndNoticed("o");
        send(m, "2026-12-05T00:00:00Z", withdrawal("o", "2026-12-05T00:00:00Z"));
        send(m, "2026-12-05T00:01:00Z", match("r-1", "o", "2026-12-05T00:00:00Z"));
        assertThat(story(m, "o")).last().isEqualTo("MATCHED_BY_HOLDER HOLDER_MATCHED 2026-12-05T00:00:00Z corrects 2");
    }

    @Test
    void aMessageFoldedInThatLeavesTheOutcomeAsItWasWritesNoCorrection() {
        pendingAndNoticed("o");
        send(m, "2026-12-05T00:00:00Z", withdrawal("o", "2026-12-05T00:00:00Z"));
        send(m, "2026-12-05T00:01:00Z", decline("r-1", "o", "2026-12-05T00:00:00Z"));   // declined, then withdrawn
        assertThat(story(m, "o")).containsExactly(PENDING, "WITHDRAWN OFFER_WITHDRAWN 2026-12-05T00:00:00Z");
    }

    @Test
    void anEarlierWithdrawalCorrectsTheInstantOfTheOneOnRecord() {
        pendingAndNoticed("o");
        send(m, "2026-12-05T00:00:00Z", withdrawal("o", "2026-12-05T00:00:00Z"));
        send(m, "2026-12-06T00:00:00Z", withdrawal("o", "2026-12-04T00:00:00Z"));
        assertThat(story(m, "o")).last().isEqualTo("WITHDRAWN OFFER_WITHDRAWN 2026-12-04T00:00:00Z corrects 2");
    }

    @Test
    void aLaterWithdrawalOfAWithdrawnOfferIsADuplicateAndWritesNothing() {
        pendingAndNoticed("o");
        send(m, "2026-12-05T00:00:00Z", withdrawal("o", "2026-12-05T00:00:00Z"));
        assertThat(said(send(m, "2026-12-06T00:00:00Z", withdrawal("o", "2026-12-06T00:00:00Z"))))
                .isEqualTo("WITHDRAWN OFFER_WITHDRAWN 2026-12-05T00:00:00Z duplicate");
        assertThat(m.history("o")).hasSize(2);
    }

    @Test
    void aCorrectionIsDueWhenOnlyTheRevisionTheOutcomeRestsOnChanges() {
        pendingAndNoticed("o");
        send(m, "2026-12-05T00:00:00Z", withdrawal("o", "2026-12-05T00:00:00Z"));
        send(m, "2026-12-06T00:00:00Z", offer("o", "2026-12-04T00:00:00Z").revision(2).price("2.09"));
        assertThat(m.history("o")).extracting(Entry::rule, Entry::revision, Entry::corrects).last()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple("OFFER_WITHDRAWN", 2, 2L));
    }

    @Test
    void theOutcomeIsTheSameWhateverTheProcessingOrder() {
        List<Input> messages = List.of(notice("o", 1, T0), match("r-1", "o", "2026-12-10T00:00:00Z"),
                withdrawal("o", "2026-12-12T00:00:00Z"), offer("o", "2026-12-03T00:00:00Z").revision(2).price("2.09").build(),
                tick("2026-12-20T00:00:00Z"));
        for (List<Input> order : permutations(messages)) {
            ReferenceModel each = model(base().build());
            send(each, T0, offer("o", T0));
            Instant clock = at("2026-12-20T00:00:00Z");
            for (Input message : order) each.process(message, clock = clock.plusSeconds(60));
            assertThat(each.current("o").orElseThrow())
                    .extracting(Entry::status, Entry::rule, Entry::decidedAt, Entry::revision)
                    .as("processed in the order %s", order)
                    .containsExactly("MATCHED_BY_HOLDER", "HOLDER_MATCHED", at("2026-12-10T00:00:00Z"), 1);
        }
    }

    private static List<List<Input>> permutations(List<Input> items) {
        if (items.isEmpty()) return List.of(List.of());
        List<List<Input>> out = new java.util.ArrayList<>();
        for (Input first : items) {
            List<Input> rest = new java.util.ArrayList<>(items);
            rest.remove(first);
            for (List<Input> tail : permutations(rest)) {
                List<Input> order = new java.util.ArrayList<>(List.of(first));
                order.addAll(tail);
                out.add(order);
            }
        }
        return out;
    }

    @Test
    void laterFoldsApplyTimeAgainUpToTheClocksLatestDecision() {
        send(m, T0, offer("o", T0).validUntil("2026-12-10T00:00:00Z"));
        send(m, "2026-12-10T00:00:00Z", tick("2026-12-10T00:00:00Z"));
        send(m, "2026-12-11T00:00:00Z", notice("o", 1, T0));          // folded in before the expiry: changes nothing
        assertThat(story(m, "o")).containsExactly(PENDING, "EXPIRED OFFER_EXPIRED 2026-12-10T00:00:00Z");
    }

    // ---- the holder's own account ----

    @Test
    void aHolderResponseInAnEnvelopeFromAnotherAccountIsRefusedNamingAccount() {
        ReferenceModel guarded = model(base().holderAccount("111122223333").build());
        send(guarded, T0, offer("o", T0));
        Input.Answer foreign = new Input.Answer("r-1", "o", "azure", "MATCH", at(T0), null, null, "999988887777");
        assertThat(send(guarded, T0, foreign)).isEqualTo(new Result.Refused("account"));
        Input.Answer own = new Input.Answer("r-1", "o", "azure", "MATCH", at(T0), null, null, "111122223333");
        assertThat(said(send(guarded, T0, own))).startsWith("MATCHED_BY_HOLDER");
    }

    @Test
    void aBareHolderResponseIsNotCheckedAgainstTheAccount() {
        ReferenceModel guarded = model(base().holderAccount("111122223333").build());
        send(guarded, T0, offer("o", T0));
        assertThat(said(send(guarded, T0, match("r-1", "o", T0)))).startsWith("MATCHED_BY_HOLDER");
    }

    @Test
    void theHolderAccountIsTheOneInForceAtTheAnswersInstant() {
        Terms base = base().build();
        Version guarded = amendment(new TermsBuilder(base).version("2026-12-03").holderAccount("111122223333").build(),
                "2026-12-03T00:00:00Z", false);
        ReferenceModel am = model(agreement(base, guarded));
        send(am, T0, offer("o", T0));
        send(am, T0, offer("p", T0));
        assertThat(said(send(am, "2026-12-02T00:00:00Z", new Input.Answer("r-1", "o", "azure", "MATCH",
                at("2026-12-02T00:00:00Z"), null, null, "999988887777")))).startsWith("MATCHED_BY_HOLDER");
        assertThat(send(am, "2026-12-04T00:00:00Z", new Input.Answer("r-2", "p", "azure", "MATCH",
                at("2026-12-04T00:00:00Z"), null, null, "999988887777"))).isEqualTo(new Result.Refused("account"));
    }
}
