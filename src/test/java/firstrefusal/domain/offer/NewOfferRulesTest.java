package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Offers.DEADLINE;
import static firstrefusal.domain.offer.Offers.RECEIVED;
import static firstrefusal.domain.offer.Offers.offer;
import static firstrefusal.domain.offer.Rule.AGI_DECLARED;
import static firstrefusal.domain.offer.Rule.API_CUSTOMER_EXEMPT;
import static firstrefusal.domain.offer.Rule.API_EXCLUSIVE_TO_HOLDER;
import static firstrefusal.domain.offer.Rule.APPROVED_EXCEPTION;
import static firstrefusal.domain.offer.Rule.EXPIRED_ON_ARRIVAL;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.domain.offer.Rule.HOLDER_CAPACITY;
import static firstrefusal.domain.offer.Rule.NO_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Rule.OUTSIDE_CONTRACT_TERM;
import static firstrefusal.domain.offer.Rule.SELF_BUILD_RESEARCH_TRAINING;
import static firstrefusal.domain.offer.Status.APPROVED;
import static firstrefusal.domain.offer.Status.EXPIRED;
import static firstrefusal.domain.offer.Status.PENDING_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Status.REJECTED;
import static firstrefusal.domain.offer.Workload.API;
import static firstrefusal.domain.offer.Workload.PRODUCT;
import static firstrefusal.domain.offer.Workload.RESEARCH;
import static firstrefusal.domain.offer.Workload.TRAINING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract (src/docs/contract.md, "Decisions"), the new-offer table: one row per rule, plus rows showing that the first matching rule wins. */
class NewOfferRulesTest {

    private static final Policy CONTRACT = TestPolicies.defaultContract();
    private static final Policy AFTER_AGI = TestPolicies.withAgiDeclaredAt(RECEIVED.minus(Duration.ofDays(1)));

    static Stream<Arguments> table() {
        return Stream.of(
                //  #  when                                                  policy     offer                                                                         status                 rule
                row(1, "validUntil at the receipt instant",                  CONTRACT,  offer("o1").validUntil(RECEIVED),                                          EXPIRED,               EXPIRED_ON_ARRIVAL),
                row(1, "expired on arrival beats the holder's own capacity", CONTRACT,  offer("o1b").provider("azure").validUntil(RECEIVED.minusSeconds(1)),     EXPIRED,               EXPIRED_ON_ARRIVAL),
                row(2, "provider is the holder",                              CONTRACT,  offer("o2").provider("azure"),                                             APPROVED,              HOLDER_CAPACITY),
                row(2, "the holder may serve API workloads",                 CONTRACT,  offer("o2b").provider("azure").workload(API),                              APPROVED,              HOLDER_CAPACITY),
                row(3, "AGI declared before receipt",                         AFTER_AGI, offer("o3"),                                                               APPROVED,              AGI_DECLARED),
                row(3, "after AGI even API workloads are free",               AFTER_AGI, offer("o3b").workload(API),                                                APPROVED,              AGI_DECLARED),
                row(4, "startDate after term-ends",                           CONTRACT,  offer("o4").startDate("2031-01-01"),                                       APPROVED,              OUTSIDE_CONTRACT_TERM),
                row(4, "startDate on term-ends is inside the term",          CONTRACT,  offer("o4b").startDate("2030-12-31"),                                      PENDING_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED),
                row(5, "API workload from a third party",                     CONTRACT,  offer("o5").workload(API),                                                 REJECTED,              API_EXCLUSIVE_TO_HOLDER),
                row(5, "API workload from a self-built site",                 CONTRACT,  offer("o5b").provider("stargate").workload(API),                           REJECTED,              API_EXCLUSIVE_TO_HOLDER),
                row(5, "API beats a pre-approved exception",                  CONTRACT,  offer("oci-openai-2024-06").workload(API),                                 REJECTED,              API_EXCLUSIVE_TO_HOLDER),
                row(6, "self-built TRAINING",                                 CONTRACT,  offer("o6").provider("stargate").workload(TRAINING),                       APPROVED,              SELF_BUILD_RESEARCH_TRAINING),
                row(6, "self-built RESEARCH",                                 CONTRACT,  offer("o6b").provider("stargate").workload(RESEARCH),                      APPROVED,              SELF_BUILD_RESEARCH_TRAINING),
                row(6, "self-built PRODUCT is not carved out",                CONTRACT,  offer("o6c").provider("stargate").workload(PRODUCT),                       PENDING_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED),
                row(7, "offerId listed in an exception for that provider",    CONTRACT,  offer("oci-openai-2024-06"),                                               APPROVED,              APPROVED_EXCEPTION),
                row(7, "the same offerId from another provider is not",       CONTRACT,  offer("oci-openai-2024-06").provider("google"),                            PENDING_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED),
                row(8, "otherwise: third-party capacity",                     CONTRACT,  offer("o8"),                                                               PENDING_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED));
    }

    @ParameterizedTest(name = "row {0}: {1} → {4} {5}")
    @MethodSource("table")
    void aNewOfferIsDecidedByTheFirstRuleThatApplies(int row, String when, Policy policy, Offers.Builder offer, Status status, Rule rule) {
        Decision decision = new OfferTimeline(policy).send(offer.build());

        assertThat(decision.status()).isEqualTo(status);
        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.decidedAt()).isEqualTo(offer.build().receivedAt());
        assertThat(decision.policyVersion()).isEqualTo("2025-01-21");
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void theRulesInCodeAreTheTableOfTheSpecInItsOrder() {
        assertThat(NewOfferRules.all()).extracting(NewOfferRules.NewOfferRule::rule).containsExactly(
                EXPIRED_ON_ARRIVAL, HOLDER_CAPACITY, AGI_DECLARED, OUTSIDE_CONTRACT_TERM, API_CUSTOMER_EXEMPT, API_EXCLUSIVE_TO_HOLDER,
                SELF_BUILD_RESEARCH_TRAINING, APPROVED_EXCEPTION, NO_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED);
        assertThat(NewOfferRules.all()).extracting(NewOfferRules.NewOfferRule::status).containsExactly(
                EXPIRED, APPROVED, APPROVED, APPROVED, APPROVED, REJECTED, APPROVED, APPROVED, APPROVED, PENDING_FIRST_REFUSAL);
    }

    @Test
    void firstRefusalRunsForTheWindowAndTheReasonSaysUntilWhen() {
        Decision decision = new OfferTimeline(CONTRACT).send(offer("oracle-abilene-1").build());

        assertThat(decision.firstRefusalDeadline()).isEqualTo(DEADLINE);
        assertThat(decision.reason()).isEqualTo("New third-party capacity: the holder has first refusal until 2025-02-04T15:00:00Z");
        assertThat(decision.atRisk()).isFalse();
    }

    @Test
    void aPendingOfferIsAtRiskWhenItExpiresBeforeTheDeadline() {
        Instant beforeDeadline = DEADLINE.minus(Duration.ofDays(1));

        assertThat(new OfferTimeline(CONTRACT).send(offer("risky").validUntil(beforeDeadline).build()).atRisk()).isTrue();
        assertThat(new OfferTimeline(CONTRACT).send(offer("safe").validUntil(DEADLINE).build()).atRisk()).isFalse();
    }

    @Test
    void onlyPendingOffersCarryADeadline() {
        assertThat(new OfferTimeline(CONTRACT).send(offer("h").provider("azure").build()).firstRefusalDeadline()).isNull();
    }

    private static Arguments row(int row, String when, Policy policy, Offers.Builder offer, Status status, Rule rule) {
        return arguments(row, when, policy, offer, status, rule);
    }
}
