package firstrefusal.adapters.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.wire.AgreementJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deployments on record (src/docs/contract.md, "Configuration takes effect when it is deployed"): the first start under
 * an agreement records it with its instant, conditionally; every later start under the same terms reads it back in one
 * request, with the terms it was deployed with.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DeploymentRecordTest {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void theFirstStartRecordsTheAgreementAndLaterStartsReadItInOneRequest() {
        TableClients table = new TableClients(client, "deployments-" + UUID.randomUUID().toString().substring(0, 8));
        TableSetup.ensure(table);
        try {
            DynamoDeploymentRecord record = new DynamoDeploymentRecord(table);
            Agreement base = Agreement.of(policy);
            Agreement revised = Agreement.of(policy, List.of(ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, policy).orElseThrow()));
            Instant first = Instant.parse("2026-07-01T00:00:00Z");
            Instant second = Instant.parse("2026-07-15T12:00:00Z");

            assertThat(record.recordOnce(base, first)).extracting(Deployment::deployedAt).containsExactly(first);
            List<Deployment> again = record.recordOnce(base, second);
            assertThat(again).extracting(Deployment::deployedAt).as("the same terms keep their first instant").containsExactly(first);
            DynamoDbRequestCounter.Usage restart = DynamoDbRequestCounter.measure(() -> record.recordOnce(base, second));
            assertThat(restart.totalRequests()).as("a start under terms on record: one read").isEqualTo(1);

            List<Deployment> both = record.recordOnce(revised, second);
            assertThat(both).extracting(Deployment::deployedAt).containsExactlyInAnyOrder(first, second);
            Deployment readBack = both.stream().filter(d -> d.deployedAt().equals(second)).findFirst().orElseThrow();
            assertThat(AgreementJson.id(readBack.agreement())).as("the terms read back as written").isEqualTo(AgreementJson.id(revised));
            assertThat(readBack.agreement().latest().firstRefusal()).isFalse();
            assertThat(readBack.agreement().commitments()).hasSize(1);
        } finally {
            client.deleteTable(b -> b.tableName(table.name()));
        }
    }
}
