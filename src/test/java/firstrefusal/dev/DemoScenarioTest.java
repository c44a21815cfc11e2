package firstrefusal.dev;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.ReminderSchedule;
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
}
