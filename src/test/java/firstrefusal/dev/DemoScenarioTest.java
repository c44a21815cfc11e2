package firstrefusal.dev;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.whatif.WhatIf;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dev demo loads under either agreement the README starts it with: the default one, and the 2025-10-28 revision
 * switched on ({@code -Dpolicy.shipped-amendments=2025-10-28}), where there is no first refusal to answer.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DemoScenarioTest {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void underTheDefaultAgreementOffersAwaitTheHolder() {
        FreshTable table = FreshTable.create(client, policy, "demo-default");
        try {
            new DemoScenario(table.decisions(), table.store(), Clock.systemUTC()).load(null);

            assertThat(table.store().outstanding()).as("the demo's pending offers").isNotEmpty();
        } finally {
            table.drop();
        }
    }

    @Test
    void withTheRevisionSwitchedOnTheDemoLoadsAndNothingAwaitsTheHolder() {
        Agreement revised = Agreement.of(policy, List.of(ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, policy).orElseThrow()));
        FreshTable table = FreshTable.create(client, revised, ReminderSchedule.NONE, "demo-revised");
        try {
            new DemoScenario(table.decisions(), table.store(), Clock.systemUTC()).load(null);

            assertThat(table.store().outstanding()).as("no first refusal under the revision").isEmpty();
            assertThat(table.store().load("oracle-abilene-1").orElseThrow().state().decision().rule()).isEqualTo(Rule.NO_FIRST_REFUSAL);
        } finally {
            table.drop();
        }
    }

    @Test
    void theDemoWrittenWithoutTheRevisionKeepsEveryDecidedOfferOnceTheRevisionIsDeployed() {
        FreshTable table = FreshTable.create(client, policy, "demo-then-revised");
        try {
            new DemoScenario(table.decisions(), table.store(), Clock.systemUTC()).load(null);
            Map<String, Decision> before = new HashMap<>();
            table.store().forEachOfferReceived(Optional.empty(), Optional.empty(), r -> before.put(r.state().offerId(), r.state().decision()));
            Instant deployed = Instant.now();
            Deployment base = new Deployment("base", Instant.parse("2026-01-01T00:00:00Z"), Agreement.of(policy));
            Deployment revised = new Deployment("revised", deployed, Agreement.of(policy,
                    List.of(ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, policy).orElseThrow())));
            Deployments deployments = new Deployments(List.of(base, revised), revised);
            DecisionService underRevision = new DecisionService(deployments, table.store(), ReminderSchedule.NONE, e -> { }, Clock.systemUTC());

            ClockSummary first = underRevision.tick(new ClockTick(deployed.plusSeconds(60)));

            List<String> pendingBefore = before.entrySet().stream().filter(e -> e.getValue().status() == Status.PENDING_FIRST_REFUSAL)
                    .map(Map.Entry::getKey).toList();
            assertThat(pendingBefore).as("the demo has offers awaiting the holder").isNotEmpty();
            assertThat(first.released()).as("the revision releases what was pending, and only that").containsExactlyInAnyOrderElementsOf(pendingBefore);
            Fold fold = new Fold(deployments, Fold.Mode.RECORD);
            table.store().forEachOfferReceived(Optional.empty(), Optional.empty(), record -> {
                Decision was = before.get(record.state().offerId());
                Decision now = record.state().decision();
                if (was.status() == Status.PENDING_FIRST_REFUSAL) {
                    assertThat(now.rule()).as(record.state().offerId()).isEqualTo(Rule.RELEASED_BY_AMENDMENT);
                } else {
                    assertThat(now).as("%s decided before the revision was deployed", record.state().offerId()).isEqualTo(was);
                }
                assertThat(fold.of(record).decision().sameOutcomeAs(now)).as("%s re-folds as recorded", record.state().offerId()).isTrue();
            });
            WhatIf unchanged = new WhatIf(deployments, deployments, Instant.now());
            table.store().forEachOfferReceived(Optional.empty(), Optional.empty(), unchanged::add);
            assertThat(unchanged.report().changes()).as("the what-if without a draft changes nothing").isEmpty();
            assertThat(unchanged.report().offers()).isEqualTo(before.size());
        } finally {
            table.drop();
        }
    }
}
