package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Offers.offer;
import static firstrefusal.domain.offer.Rule.API_CUSTOMER_EXEMPT;
import static firstrefusal.domain.offer.Rule.API_EXCLUSIVE_TO_HOLDER;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.domain.offer.Rule.NO_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Rule.RELEASED_BY_AMENDMENT;
import static firstrefusal.domain.offer.Status.APPROVED;
import static firstrefusal.domain.offer.Status.PENDING_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Status.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agreement over time (src/docs/contract.md, "The agreement over time"), through the pure decider: which version
 * decides an offer at and around an amendment's instant, the new rules it brings, and what becomes of offers pending
 * across it. The amendment is the shipped 2025-10-28 revision, in force from 2025-10-28T00:00:00Z.
 */
class AgreementOverTimeTest {

    private static final Policy BASE = TestPolicies.defaultContract();
    private static final Amendment REVISION = ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, BASE).orElseThrow();
    private static final Agreement REVISED = Agreement.of(BASE, List.of(REVISION));
    private static final Instant FROM = Instant.parse("2025-10-28T00:00:00Z");
    private static final Instant SECOND_BEFORE = FROM.minusSeconds(1);

    static Stream<Arguments> rules() {
        return Stream.of(
                //   when                                                offer                                                                   status                 rule                      version
                row("a third-party offer exactly at effective-from",     offer("o1").receivedAt(FROM),                                             APPROVED,              NO_FIRST_REFUSAL,         "2025-10-28"),
                row("a third-party offer a second before",               offer("o2").receivedAt(SECOND_BEFORE),                                    PENDING_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED,   "2025-01-21"),
                row("API for us-national-security exactly at it",        offer("o3").workload(Workload.API).customer("us-national-security").receivedAt(FROM), APPROVED, API_CUSTOMER_EXEMPT, "2025-10-28"),
                row("API for us-national-security a second before",      offer("o4").workload(Workload.API).customer("us-national-security").receivedAt(SECOND_BEFORE), REJECTED, API_EXCLUSIVE_TO_HOLDER, "2025-01-21"),
                row("API for another customer, after",                   offer("o5").workload(Workload.API).customer("acme").receivedAt(FROM.plus(Duration.ofDays(3))), REJECTED, API_EXCLUSIVE_TO_HOLDER, "2025-10-28"),
                row("API with no customer, after",                       offer("o6").workload(Workload.API).receivedAt(FROM.plus(Duration.ofDays(3))), REJECTED,   API_EXCLUSIVE_TO_HOLDER,  "2025-10-28"),
                row("startDate in 2031: inside the term ending 2032",    offer("o7").startDate("2031-06-01").receivedAt(FROM.plus(Duration.ofDays(1))), APPROVED,  NO_FIRST_REFUSAL,         "2025-10-28"));
    }

    @ParameterizedTest(name = "{0} → {2} {3} ({4})")
    @MethodSource("rules")
    void aNewOfferIsJudgedUnderTheVersionInForceAtItsInstant(String when, Offers.Builder offer, Status status, Rule rule, String version) {
        Decision decision = new OfferTimeline(REVISED).send(offer.build());

        assertThat(decision.status()).isEqualTo(status);
        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.policyVersion()).isEqualTo(version);
    }

    @Test
    void anOfferPendingAcrossAReleasingAmendmentIsReleasedAsOfItsInstant() {
        OfferTimeline timeline = pendingAt(REVISED, FROM.minus(Duration.ofDays(3)));

        assertThat(timeline.tick(FROM.minusSeconds(1))).as("not yet").isEmpty();
        Decision released = timeline.tick(FROM).orElseThrow();

        assertThat(released.status()).isEqualTo(APPROVED);
        assertThat(released.rule()).isEqualTo(RELEASED_BY_AMENDMENT);
        assertThat(released.decidedAt()).isEqualTo(FROM);
        assertThat(released.policyVersion()).as("the version that made the release").isEqualTo("2025-10-28");
    }

    @Test
    void anOfferReceivedASecondBeforeIsReleasedASecondLater() {
        OfferTimeline timeline = pendingAt(REVISED, SECOND_BEFORE);

        Decision next = timeline.send(Offers.withdrawal("pending", FROM.plus(Duration.ofDays(1))));

        assertThat(timeline.record().history()).extracting(e -> e.decision().rule())
                .containsExactly(FIRST_REFUSAL_REQUIRED, RELEASED_BY_AMENDMENT, Rule.OFFER_WITHDRAWN);
        assertThat(next.status()).isEqualTo(Status.WITHDRAWN);
    }

    @Test
    void anOfferPendingAcrossAKeepingAmendmentLapsesUnderTheWindowItOpenedIn() {
        Amendment keeping = new Amendment("2025-10-28-keep", FROM, REVISION.changes(), Amendment.PendingOffers.KEEP, List.of());
        OfferTimeline timeline = pendingAt(Agreement.of(BASE, List.of(keeping)), FROM.minus(Duration.ofDays(3)));
        Instant deadline = FROM.minus(Duration.ofDays(3)).plus(Duration.ofDays(14));

        assertThat(timeline.tick(FROM.plus(Duration.ofDays(1)))).as("kept: still pending after the amendment").isEmpty();
        Decision lapsed = timeline.tick(deadline.plus(Duration.ofMinutes(10))).orElseThrow();

        assertThat(lapsed.rule()).isEqualTo(FIRST_REFUSAL_LAPSED);
        assertThat(lapsed.decidedAt()).isEqualTo(deadline);
        assertThat(lapsed.policyVersion()).as("its window's version").isEqualTo("2025-01-21");
    }

    @Test
    void withoutTheAmendmentTheDeploymentIsTheAgreementOf20250121() {
        Decision decision = new OfferTimeline(BASE).send(offer("o").receivedAt(FROM.plus(Duration.ofDays(1))).build());

        assertThat(decision.rule()).isEqualTo(FIRST_REFUSAL_REQUIRED);
        assertThat(decision.policyVersion()).isEqualTo("2025-01-21");
        assertThat(REVISED.policyAt(FROM).termEnds()).hasToString("2032-12-31");
        assertThat(REVISED.policyAt(SECOND_BEFORE).termEnds()).hasToString("2030-12-31");
        assertThat(REVISED.commitments()).singleElement().satisfies(c -> {
            assertThat(c.provider()).isEqualTo("azure");
            assertThat(c.amountUsd()).isEqualByComparingTo("250000000000");
            assertThat(c.from()).isEqualTo(FROM);
            assertThat(c.to()).isEqualTo(Optional.empty());
        });
    }

    /** A pending offer received at {@code at}, its notice sent as it arrived. */
    private static OfferTimeline pendingAt(Agreement agreement, Instant at) {
        OfferTimeline timeline = new OfferTimeline(agreement);
        timeline.send(offer("pending").receivedAt(at).build());
        timeline.notice(1, at);
        return timeline;
    }

    private static Arguments row(String when, Offers.Builder offer, Status status, Rule rule, String version) {
        return arguments(when, offer, status, rule, version);
    }
}
