package firstrefusal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.policy.InvalidPolicyException;
import firstrefusal.policy.Policy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An invalid policy stops start-up with a message naming the key (src/docs/contract.md, "The policy"). */
class InvalidPolicyTest {

    private static final Map<String, String> VALID = Map.of(
            "policy.providers.azure.name", "Microsoft Azure",
            "policy.providers.azure.kind", "HOLDER",
            "policy.providers.oracle.name", "Oracle Cloud Infrastructure",
            "policy.providers.oracle.kind", "THIRD_PARTY",
            "policy.exceptions[0].id", "oracle-2024-06",
            "policy.exceptions[0].provider", "oracle",
            "policy.exceptions[0].offer-ids", "oci-openai-2024-06");

    @Test
    void aValidConfigurationBuildsThePolicy() {
        Policy policy = policyFrom(Map.of());

        assertThat(policy.holder()).isEqualTo("azure");
        assertThat(policy.isPreApproved("oracle", "oci-openai-2024-06")).isTrue();
    }

    @Test
    void aHolderThatIsNotAProviderNamesPolicyHolder() {
        assertInvalid(Map.of("policy.holder", "nobody"), "policy.holder");
    }

    @Test
    void aHolderOfTheWrongKindNamesItsKindKey() {
        assertInvalid(Map.of("policy.providers.azure.kind", "THIRD_PARTY"), "policy.providers.azure.kind");
    }

    @Test
    void aSecondHolderNamesItsKindKey() {
        assertInvalid(Map.of("policy.providers.oracle.kind", "HOLDER"), "policy.providers.oracle.kind");
    }

    @Test
    void anEmptyWindowNamesTheWindowKey() {
        assertInvalid(Map.of("policy.first-refusal-window", "PT0S"), "policy.first-refusal-window");
    }

    @Test
    void aNegativeGraceNamesTheGraceKey() {
        assertInvalid(Map.of("policy.clock-grace", "-PT1M"), "policy.clock-grace");
    }

    @Test
    void aZeroThresholdNamesItsKey() {
        assertInvalid(Map.of("policy.material-change.price-drop-percent", "0"), "policy.material-change.price-drop-percent");
    }

    @Test
    void anExceptionForAnUnknownProviderNamesItsKey() {
        assertInvalid(Map.of("policy.exceptions[0].provider", "aws"), "policy.exceptions[0].provider");
    }

    @Test
    void aHolderAccountThatIsNotAnAwsAccountIdNamesItsKey() {
        assertInvalid(Map.of("policy.holder-account", "azure-prod"), "policy.holder-account");
    }

    @Test
    void aHolderAccountIsTakenWhenItIsTwelveDigits() {
        assertThat(policyFrom(Map.of("policy.holder-account", "111122223333")).holderAccount()).contains("111122223333");
    }

    @Test
    void aValueThatIsNotADurationNamesTheKey() {
        assertThatThrownBy(() -> policyFrom(Map.of("policy.first-refusal-window", "two weeks")))
                .hasMessageContaining("policy.first-refusal-window");
    }

    @Test
    void anAgiDateThatIsNotAnInstantNamesTheKey() {
        assertThatThrownBy(() -> policyFrom(Map.of("policy.agi-declared-at", "soon")))
                .hasMessageContaining("policy.agi-declared-at");
    }

    @Test
    void anUnknownProviderKindNamesTheKey() {
        assertThatThrownBy(() -> policyFrom(Map.of("policy.providers.oracle.kind", "PARTNER")))
                .hasMessageContaining("policy.providers.oracle.kind");
    }

    private static void assertInvalid(Map<String, String> overrides, String key) {
        assertThatThrownBy(() -> policyFrom(overrides))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("Invalid policy: " + key + " ")
                .satisfies(e -> assertThat(((InvalidPolicyException) e).key()).isEqualTo(key));
    }

    /** The same path as start-up: configuration mapped onto PolicyConfig, then built and validated by Wiring. */
    private static Policy policyFrom(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(VALID);
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PolicyConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return new Wiring().policy(config.getConfigMapping(PolicyConfig.class));
    }
}
