package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Offers.DEADLINE;
import static firstrefusal.domain.offer.Offers.RECEIVED;
import static firstrefusal.domain.offer.Offers.decline;
import static firstrefusal.domain.offer.Offers.match;
import static firstrefusal.domain.offer.Offers.offer;
import static firstrefusal.domain.offer.Offers.withdrawal;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.domain.offer.Rule.HOLDER_MATCHED;
import static firstrefusal.domain.offer.Rule.MATERIAL_CHANGE;
import static firstrefusal.domain.offer.Rule.NON_MATERIAL_REVISION;
import static firstrefusal.domain.offer.Status.APPROVED;
import static firstrefusal.domain.offer.Status.PENDING_FIRST_REFUSAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract (src/docs/contract.md, "Revisions"): revisions and the material-change test, duplicates, conflicts. */
class RevisionsAndDuplicatesTest {

    private static final String ID = "softbank-sakai-1";
    private static final Instant LATER = RECEIVED.plus(Duration.ofDays(3));

    static Stream<Arguments> materialChange() {
        return Stream.of(
                //  revision 2 of a pending offer at $2.10 for 64,000 GPUs   rule                    status stays / re-opens
                arguments("price down 5% exactly (2.10 → 1.995)", "1.995", 64_000, MATERIAL_CHANGE),
                arguments("price down 10%",                        "1.89",  64_000, MATERIAL_CHANGE),
                arguments("price down 4.76% (2.10 → 2.00)",        "2.00",  64_000, NON_MATERIAL_REVISION),
                arguments("GPUs up 10% exactly",                   "2.10",  70_400, MATERIAL_CHANGE),
                arguments("GPUs up 9.99%",                         "2.10",  70_399, NON_MATERIAL_REVISION),
                arguments("price up, GPUs down",                   "2.50",  32_000, NON_MATERIAL_REVISION));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("materialChange")
    void aRevisionOfAPendingOfferReopensFirstRefusalOnlyWhenMaterial(String change, String price, long gpus, Rule rule) {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());

        Decision decision = timeline.send(offer(ID).revision(2).price(price).gpus(gpus).receivedAt(LATER).build());

        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.status()).isEqualTo(PENDING_FIRST_REFUSAL);
        assertThat(decision.revision()).isEqualTo(2);
        assertThat(decision.firstRefusalDeadline())
                .isEqualTo(rule == MATERIAL_CHANGE ? LATER.plus(Duration.ofDays(14)) : DEADLINE);
    }

    @Test
    void theTestComparesWithTheTermsTheHolderLastSawNotTheLastRevision() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).price("2.00").build());
        assertThat(timeline.send(offer(ID).revision(2).price("1.94").receivedAt(LATER).build()).rule()).isEqualTo(NON_MATERIAL_REVISION);

        // 1.88 is only 3.1% below revision 2, but 6% below the 2.00 the holder saw.
        assertThat(timeline.send(offer(ID).revision(3).price("1.88").receivedAt(LATER.plusSeconds(60)).build()).rule())
                .isEqualTo(MATERIAL_CHANGE);
    }

    @Test
    void aMaterialRevisionOfADeclinedOfferGoesBackToTheHolder() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        timeline.send(decline(ID, RECEIVED.plus(Duration.ofDays(1))));

        Decision decision = timeline.send(offer(ID).revision(2).price("1.50").receivedAt(LATER).build());

        assertThat(decision.status()).isEqualTo(PENDING_FIRST_REFUSAL);
        assertThat(decision.rule()).isEqualTo(MATERIAL_CHANGE);
    }

    @Test
    void aNonMaterialRevisionOfALapsedOfferLeavesItApproved() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        timeline.notice(1, RECEIVED);
        timeline.tick(DEADLINE.plus(Duration.ofHours(1)));

        Decision decision = timeline.send(offer(ID).revision(2).price("2.05").receivedAt(DEADLINE.plus(Duration.ofDays(1))).build());

        assertThat(decision.status()).isEqualTo(APPROVED);
        assertThat(decision.rule()).isEqualTo(NON_MATERIAL_REVISION);
        // Still released by the lapse: a late holder answer gets the lapse back.
        assertThat(timeline.send(match(ID, DEADLINE.plus(Duration.ofDays(2)))).rule()).isEqualTo(FIRST_REFUSAL_LAPSED);
    }

    @Test
    void aRevisionArrivingAfterTheDeadlineFollowsTheLapse() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        timeline.notice(1, RECEIVED);

        timeline.send(offer(ID).revision(2).price("1.00").receivedAt(DEADLINE.plus(Duration.ofDays(1))).build());

        assertThat(timeline.record().history()).extracting(e -> e.decision().rule())
                .containsExactly(FIRST_REFUSAL_REQUIRED, FIRST_REFUSAL_LAPSED, MATERIAL_CHANGE);
    }

    @Test
    void aRevisionOfAMatchedOfferIsRefused_theMatchBindsBothSides() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        timeline.send(match(ID, RECEIVED.plus(Duration.ofDays(1))));
        int writes = timeline.writes();

        assertThatThrownBy(() -> timeline.send(offer(ID).revision(2).price("1.00").receivedAt(LATER).build()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("revision:").hasMessageContaining("binds both sides");
        assertThat(timeline.writes()).isEqualTo(writes);
        assertThat(timeline.current().rule()).isEqualTo(HOLDER_MATCHED);
    }

    @Test
    void aRevisionOfAWithdrawnOfferIsDecidedAsANewOffer() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        timeline.send(withdrawal(ID, RECEIVED.plus(Duration.ofDays(1))));

        Decision decision = timeline.send(offer(ID).revision(2).receivedAt(LATER).build());

        assertThat(decision.rule()).isEqualTo(FIRST_REFUSAL_REQUIRED);
        assertThat(decision.firstRefusalDeadline()).isEqualTo(LATER.plus(Duration.ofDays(14)));
    }

    @Test
    void aRedeliveredOfferReturnsItsStoredDecisionMarkedDuplicateAndWritesNothing() {
        OfferTimeline timeline = timeline();
        Decision first = timeline.send(offer(ID).price("2.10").build());

        Decision again = timeline.send(offer(ID).price("2.1").build());

        assertThat(again.duplicate()).isTrue();
        assertThat(again).usingRecursiveComparison().ignoringFields("duplicate").isEqualTo(first);
        assertThat(timeline.writes()).isEqualTo(1);
    }

    @Test
    void anOldRevisionRedeliveredAfterANewerOneIsADuplicateAnsweredWithTheDecisionAsItStands() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        Decision standing = timeline.send(offer(ID).revision(2).price("1.50").receivedAt(LATER).build());
        int writes = timeline.writes();

        assertThat(timeline.send(offer(ID).build())).isEqualTo(standing.asDuplicate());
        assertThat(timeline.writes()).as("a duplicate writes nothing").isEqualTo(writes);
    }

    @Test
    void redeliveredAnswersAndWithdrawalsAreDuplicates() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());
        HolderResponse answer = match(ID, RECEIVED.plus(Duration.ofDays(1)));
        timeline.send(answer);

        Decision again = timeline.send(answer);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.rule()).isEqualTo(HOLDER_MATCHED);
        assertThat(timeline.writes()).isEqualTo(2);

        OfferTimeline other = timeline();
        other.send(offer("w").build());
        other.send(withdrawal("w", LATER));
        assertThat(other.send(withdrawal("w", LATER)).duplicate()).isTrue();
        assertThat(other.writes()).isEqualTo(2);
    }

    @Test
    void theSameRevisionWithDifferentContentIsAConflict() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());

        assertThatThrownBy(() -> timeline.send(offer(ID).gpus(1).build()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("revision:").hasMessageContaining("different content");
        assertThat(timeline.writes()).isEqualTo(1);
    }

    @Test
    void revisionsMayNotSkipNumbers() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());

        assertThatThrownBy(() -> timeline.send(offer(ID).revision(3).receivedAt(LATER).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("next revision must be 2");
        assertThatThrownBy(() -> timeline().send(offer("fresh").revision(2).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("first revision must be 1");
    }

    @Test
    void aRevisionCannotChangeTheProvider() {
        OfferTimeline timeline = timeline();
        timeline.send(offer(ID).build());

        assertThatThrownBy(() -> timeline.send(offer(ID).revision(2).provider("google").receivedAt(LATER).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("provider:");
    }

    @Test
    void anOfferFromAProviderOutsideThePolicyIsInvalid() {
        assertThatThrownBy(() -> timeline().send(offer("x").provider("aws").build()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("provider:").hasMessageContaining("'aws'");
    }

    private static OfferTimeline timeline() {
        return new OfferTimeline(TestPolicies.defaultContract());
    }
}
