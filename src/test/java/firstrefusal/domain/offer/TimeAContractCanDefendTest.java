package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Offers.DEADLINE;
import static firstrefusal.domain.offer.Offers.RECEIVED;
import static firstrefusal.domain.offer.Offers.match;
import static firstrefusal.domain.offer.Offers.offer;
import static firstrefusal.domain.offer.Offers.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "Time a contract can defend" (src/docs/contract.md), one test per rule, through the decision service on DynamoDB
 * Local: corrections, answers bound to terms, the skew refusal, no lapse without notice, releases by the agreement,
 * repeats, and {@code recordedAt}. Offers are received at R; their window runs to D (R + 14 days) once noticed at R.
 * The delivery cases (an SQS record's {@code SentTimestamp}) run against the packaged zip in {@code PackagedFunctionIT}.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class TimeAContractCanDefendTest extends OnItsOwnTable {

    @Test
    void anInTimeMatchProcessedAfterTheClocksLapseCorrectsTheLapse() {
        noticedOffer("late-in-queue");
        table.decisions().tick(new ClockTick(DEADLINE.plus(Duration.ofHours(1))));

        Decision answer = table.decisions().decide(match("late-in-queue", DEADLINE.minus(Duration.ofDays(1))));

        assertThat(answer.rule()).isEqualTo(Rule.HOLDER_MATCHED);
        assertThat(answer.late()).isFalse();
        assertThat(answer.decidedAt()).isEqualTo(DEADLINE.minus(Duration.ofDays(1)));
        assertThat(answer.corrects()).as("the lapse it corrects").isEqualTo(2L);
        OfferRecord record = load("late-in-queue");
        assertThat(record.history()).extracting(e -> e.decision().rule())
                .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.FIRST_REFUSAL_LAPSED, Rule.HOLDER_MATCHED);
        assertThat(record.history().get(2).isCorrection()).isTrue();
        assertThat(record.history().get(1).isCorrection()).as("history is never rewritten").isFalse();
        assertThat(record.state().isOutstanding()).isFalse();
    }

    @Test
    void aMatchAndAWithdrawalAfterItEndTheSameInEitherProcessingOrder() {
        Instant matchedAt = DEADLINE.minus(Duration.ofDays(2));
        Instant withdrawnAt = DEADLINE.minus(Duration.ofDays(1));
        noticedOffer("match-first");
        noticedOffer("withdrawal-first");

        table.decisions().decide(match("match-first", matchedAt));
        assertThatThrownBy(() -> table.decisions().decide(withdrawal("match-first", withdrawnAt)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("MATCHED_BY_HOLDER");

        table.decisions().decide(withdrawal("withdrawal-first", withdrawnAt));
        Decision corrected = table.decisions().decide(match("withdrawal-first", matchedAt));

        for (String id : List.of("match-first", "withdrawal-first")) {
            Decision end = load(id).state().decision();
            assertThat(end.status()).as(id).isEqualTo(Status.MATCHED_BY_HOLDER);
            assertThat(end.decidedAt()).as(id).isEqualTo(matchedAt);
        }
        assertThat(corrected.corrects()).as("the withdrawal it corrects").isEqualTo(2L);
        OfferRecord record = load("withdrawal-first");
        List<Fold.WithoutEffect> withoutEffect = new Fold(table.decisions().agreement(), Fold.Mode.RECORD).of(record).withoutEffect();
        assertThat(withoutEffect).singleElement().satisfies(w -> {
            assertThat(w.delivery().key()).isEqualTo("withdrawal:" + withdrawnAt);
            assertThat(w.reason()).contains("MATCHED_BY_HOLDER");
        });
    }

    @Test
    void anAnswerToAnotherRevisionsTermsIsRefusedAndSoIsARevisionAfterAMatch() {
        noticedOffer("bound");
        table.decisions().decide(offer("bound").revision(2).price("1.50").receivedAt(RECEIVED.plus(Duration.ofDays(2))).build());

        HolderResponse toRevisionOne = new HolderResponse("r-1", "bound", "azure", Answer.MATCH, RECEIVED.plus(Duration.ofDays(3)), 1);
        assertThatThrownBy(() -> table.decisions().decide(toRevisionOne))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("revision:")
                .hasMessageContaining("opened by revision 2");
        int kept = load("bound").log().size();

        Decision matched = table.decisions().decide(new HolderResponse("r-2", "bound", "azure", Answer.MATCH,
                RECEIVED.plus(Duration.ofDays(3)), 2));
        assertThat(matched.revision()).isEqualTo(2);
        assertThat(load("bound").log()).as("nothing written for the refused answer").hasSize(kept + 1);

        assertThatThrownBy(() -> table.decisions().decide(offer("bound").revision(3).price("1.00")
                .receivedAt(RECEIVED.plus(Duration.ofDays(4))).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("revision:").hasMessageContaining("binds both sides");
    }

    @Test
    void aMatchBindsTheTermsOfTheRevisionThatOpenedTheWindow() {
        noticedOffer("terms");
        // 2% cheaper: not material, so revision 1's window stays open.
        table.decisions().decide(offer("terms").revision(2).price("2.06").receivedAt(RECEIVED.plus(Duration.ofDays(1))).build());

        Decision matched = table.decisions().decide(match("terms", RECEIVED.plus(Duration.ofDays(2))));

        assertThat(matched.revision()).as("the holder matched the terms it was asked about").isEqualTo(1);
        assertThat(load("terms").history().getLast().offer().pricePerGpuHourUsd()).isEqualByComparingTo("2.10");
    }

    @Test
    void aMessageDatedAheadOfItsArrivalByMoreThanTheSkewIsRefusedNamingTheField() {
        noticedOffer("skew");
        Instant arrived = RECEIVED.plus(Duration.ofDays(1));
        int kept = load("skew").log().size();

        assertThatThrownBy(() -> table.decisions().decide(new Delivery(match("skew", arrived.plus(Duration.ofMinutes(6))),
                Optional.of(arrived))))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("respondedAt:")
                .hasMessageContaining(arrived.toString()).hasMessageContaining("(5 minutes)");
        assertThat(load("skew").log()).hasSize(kept);

        Decision withinSkew = table.decisions().decide(new Delivery(match("skew", arrived.plus(Duration.ofMinutes(5))), Optional.of(arrived)));
        assertThat(withinSkew.decidedAt()).as("its own instant, the later of the two").isEqualTo(arrived.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anOfferWhoseNoticeNeverLeftDoesNotLapseAndIsCountedPastItsDeadline() {
        table.decisions().decide(offer("unnoticed").build());

        ClockSummary tick = table.decisions().tick(new ClockTick(DEADLINE.plus(Duration.ofDays(1))));

        assertThat(tick.lapsed()).isEmpty();
        assertThat(tick.outstanding().pastDeadlineWithoutNotice()).isEqualTo(1);
        assertThat(load("unnoticed").state().awaitsNotice()).isTrue();
        // The deadline is provisional: an answer is in time whatever its date.
        Decision answer = table.decisions().decide(match("unnoticed", DEADLINE.plus(Duration.ofDays(2))));
        assertThat(answer.rule()).isEqualTo(Rule.HOLDER_MATCHED);
        assertThat(answer.late()).isFalse();
    }

    @Test
    void aLateNoticeMovesTheDeadlineWithANoticeLateEntry() {
        table.decisions().decide(offer("told-late").build());
        Instant told = RECEIVED.plus(Duration.ofDays(2));

        Decision moved = table.decisions().noticeSent(new Notice("told-late", 1, told));

        assertThat(moved.rule()).isEqualTo(Rule.NOTICE_LATE);
        assertThat(moved.status()).isEqualTo(Status.PENDING_FIRST_REFUSAL);
        assertThat(moved.firstRefusalDeadline()).isEqualTo(told.plus(Duration.ofDays(14)));
        assertThat(moved.decidedAt()).isEqualTo(told);
        assertThat(table.decisions().tick(new ClockTick(DEADLINE.plus(Duration.ofDays(1)))).lapsed()).as("the old deadline").isEmpty();
        assertThat(table.decisions().tick(new ClockTick(told.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(10)))).lapsed())
                .containsExactly("told-late");
        assertThat(table.decisions().noticeSent(new Notice("told-late", 1, told.plus(Duration.ofDays(1)))).rule())
                .as("a notice recorded before: nothing changes").isEqualTo(Rule.FIRST_REFUSAL_LAPSED);
    }

    @Test
    void aNoticeWithinTheNoticeGraceKeepsTheDeadline() {
        table.decisions().decide(offer("told-soon").build());

        Decision kept = table.decisions().noticeSent(new Notice("told-soon", 1, RECEIVED.plus(Duration.ofMinutes(59))));

        assertThat(kept.rule()).isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
        assertThat(load("told-soon").history()).hasSize(1);
        assertThat(load("told-soon").state().awaitsNotice()).isFalse();
    }

    @Test
    void aRepeatedWithdrawalIsADuplicateAndAnEarlierOneTakesItsPlace() {
        noticedOffer("withdrawn");
        Instant first = RECEIVED.plus(Duration.ofDays(3));
        table.decisions().decide(withdrawal("withdrawn", first));
        long entries = load("withdrawn").history().size();

        Decision again = table.decisions().decide(withdrawal("withdrawn", first.plus(Duration.ofHours(5))));
        assertThat(again.duplicate()).isTrue();
        assertThat(load("withdrawn").history()).hasSize((int) entries);

        Decision earlier = table.decisions().decide(withdrawal("withdrawn", first.minus(Duration.ofDays(1))));
        assertThat(earlier.duplicate()).isFalse();
        assertThat(earlier.decidedAt()).as("the earliest withdrawnAt counts").isEqualTo(first.minus(Duration.ofDays(1)));
        assertThat(earlier.corrects()).isEqualTo(entries);
    }

    @Test
    void aResponseIdReusedWithAnotherAnswerIsAConflictNamingResponseId() {
        noticedOffer("reused");
        table.decisions().decide(new HolderResponse("r-x", "reused", "azure", Answer.DECLINE, RECEIVED.plus(Duration.ofDays(1))));

        assertThatThrownBy(() -> table.decisions().decide(new HolderResponse("r-x", "reused", "azure", Answer.MATCH,
                RECEIVED.plus(Duration.ofDays(1)))))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("responseId"));
        assertThat(load("reused").state().decision().rule()).isEqualTo(Rule.HOLDER_DECLINED);
    }

    @Test
    void agiDeclaredWhileOffersArePendingReleasesThemAtItsInstant() {
        Instant agi = RECEIVED.plus(Duration.ofDays(5));
        FreshTable agiTable = FreshTable.create(client, TestPolicies.withAgiDeclaredAt(agi), firstrefusal.domain.offer.ReminderSchedule.NONE, "agi");
        try {
            for (String id : List.of("agi-ticked", "agi-messaged")) {
                agiTable.decisions().decide(offer(id).build());
                agiTable.decisions().noticeSent(new Notice(id, 1, RECEIVED));
            }
            assertThat(agiTable.decisions().tick(new ClockTick(agi.minusSeconds(1))).released()).isEmpty();

            Decision withdrawn = agiTable.decisions().decide(withdrawal("agi-messaged", agi.plus(Duration.ofDays(1))));
            ClockSummary atAgi = agiTable.decisions().tick(new ClockTick(agi));

            assertThat(atAgi.released()).as("no grace for a release").containsExactly("agi-ticked");
            Decision released = agiTable.store().load("agi-ticked").orElseThrow().state().decision();
            assertThat(released.status()).isEqualTo(Status.APPROVED);
            assertThat(released.rule()).isEqualTo(Rule.AGI_DECLARED);
            assertThat(released.decidedAt()).isEqualTo(agi);
            assertThat(agiTable.store().load("agi-messaged").orElseThrow().history()).extracting(e -> e.decision().rule())
                    .as("the next message for it releases it first").containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.AGI_DECLARED,
                            Rule.OFFER_WITHDRAWN);
            assertThat(withdrawn.status()).isEqualTo(Status.WITHDRAWN);
        } finally {
            agiTable.drop();
        }
    }

    @Test
    void everyEntryCarriesWhenItWasRecordedBesideWhenItTakesEffect() {
        Instant before = Instant.now();
        noticedOffer("stamped");
        table.decisions().decide(match("stamped", RECEIVED));

        List<HistoryEntry> history = load("stamped").history();
        assertThat(history).allSatisfy(e -> assertThat(e.decision().recordedAt()).isAfterOrEqualTo(before.minusSeconds(1)));
        assertThat(history).extracting(e -> e.decision().decidedAt()).containsOnly(RECEIVED);
        // One instant, newest first: the match (sequence 2) before the request it answers (sequence 1), every time.
        DecisionPage page = table.store().decisions(DecisionQuery.ofProvider(Optional.of("oracle")), Optional.empty(), 10, 10);
        assertThat(page.entries()).extracting(HistoryEntry::sequence).containsExactly(2L, 1L);
    }

    /** A pending offer received at R whose notice left as it arrived. */
    private void noticedOffer(String id) {
        table.decisions().decide(offer(id).build());
        table.decisions().noticeSent(new Notice(id, 1, RECEIVED));
    }

    private OfferRecord load(String id) {
        return table.store().load(id).orElseThrow();
    }
}
