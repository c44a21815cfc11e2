package firstrefusal.config;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The policy the application starts with is the default contract (src/docs/contract.md, "The policy"). */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class PolicyConfigurationTest {

    @Inject
    Policy policy;

    @Test
    void theShippedConfigurationIsTheDefaultContract() {
        assertThat(policy).isEqualTo(TestPolicies.defaultContract());
    }
}
