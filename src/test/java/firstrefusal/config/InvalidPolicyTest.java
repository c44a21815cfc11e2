package firstrefusal.config;

import firstrefusal.app.Wiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.InvalidPolicyException;
import firstrefusal.domain.policy.Policy;
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

    // --- amendments (src/docs/contract.md, "The agreement over time") ---

    private static final Map<String, String> AMENDMENT = Map.of(
            "policy.amendments[0].version", "2026-03-01",
            "policy.amendments[0].effective-from", "2026-03-01T00:00:00Z",
            "policy.amendments[0].first-refusal-window", "P7D",
            "policy.amendments[0].commitments[0].provider", "oracle",
            "policy.amendments[0].commitments[0].amount-usd", "1000000",
            "policy.amendments[0].commitments[0].from", "2026-03-01T00:00:00Z");

    @Test
    void anAmendmentWrittenInTheConfigurationChangesTheTermsFromItsInstant() {
        Agreement agreement = agreementFrom(AMENDMENT);

        assertThat(agreement.versions()).extracting(Agreement.Version::name).containsExactly("2025-01-21", "2026-03-01");
        assertThat(agreement.policyAt(java.time.Instant.parse("2026-03-01T00:00:00Z")).firstRefusalWindow()).hasToString("PT168H");
        assertThat(agreement.policyAt(java.time.Instant.parse("2026-02-28T23:59:59Z")).firstRefusalWindow()).hasToString("PT336H");
        assertThat(agreement.commitments()).singleElement().satisfies(c -> assertThat(c.provider()).isEqualTo("oracle"));
    }

    @Test
    void anAmendmentsBadInstantNamesItsKey() {
        assertThatThrownBy(() -> agreementFrom(with(AMENDMENT, "policy.amendments[0].effective-from", "next spring")))
                .hasMessageContaining("policy.amendments[0].effective-from");
    }

    @Test
    void amendmentsOutOfOrderNameTheLaterOnesInstant() {
        Map<String, String> two = new HashMap<>(AMENDMENT);
        two.put("policy.amendments[1].version", "2026-01-01");
        two.put("policy.amendments[1].effective-from", "2026-01-01T00:00:00Z");
        assertInvalidAgreement(two, "policy.amendments[1].effective-from");
    }

    @Test
    void aDuplicateVersionNamesItsKey() {
        Map<String, String> two = new HashMap<>(AMENDMENT);
        two.put("policy.amendments[1].version", "2026-03-01");
        two.put("policy.amendments[1].effective-from", "2026-06-01T00:00:00Z");
        assertInvalidAgreement(two, "policy.amendments[1].version");
        assertInvalidAgreement(with(AMENDMENT, "policy.amendments[0].version", "2025-01-21"), "policy.amendments[0].version");
    }

    @Test
    void aCommitmentToAnUnknownProviderNamesItsKey() {
        assertInvalidAgreement(with(AMENDMENT, "policy.amendments[0].commitments[0].provider", "aws"),
                "policy.amendments[0].commitments[0].provider");
    }

    @Test
    void aNegativeCommitmentNamesItsKey() {
        assertInvalidAgreement(with(AMENDMENT, "policy.amendments[0].commitments[0].amount-usd", "-5"),
                "policy.amendments[0].commitments[0].amount-usd");
    }

    @Test
    void aPendingOffersValueThatIsNeitherKeepNorReleaseNamesItsKey() {
        assertInvalidAgreement(with(AMENDMENT, "policy.amendments[0].pending-offers", "forget"), "policy.amendments[0].pending-offers");
    }

    @Test
    void anInvalidTermInAnAmendmentNamesItsKeyUnderTheAmendment() {
        assertInvalidAgreement(with(AMENDMENT, "policy.amendments[0].first-refusal-window", "PT0S"),
                "policy.amendments[0].first-refusal-window");
        Map<String, String> exception = new HashMap<>(AMENDMENT);
        exception.put("policy.amendments[0].exceptions[0].id", "x");
        exception.put("policy.amendments[0].exceptions[0].provider", "aws");
        exception.put("policy.amendments[0].exceptions[0].offer-ids", "y");
        assertInvalidAgreement(exception, "policy.amendments[0].exceptions[0].provider");
    }

    @Test
    void anUnknownShippedAmendmentNamesTheSwitch() {
        assertInvalidAgreement(Map.of("policy.shipped-amendments", "2099-01-01"), "policy.shipped-amendments");
    }

    @Test
    void theShippedRevisionSwitchedOnComesBeforeALaterWrittenAmendment() {
        Map<String, String> both = new HashMap<>(AMENDMENT);
        both.put("policy.shipped-amendments", "2025-10-28");
        assertThat(agreementFrom(both).versions()).extracting(Agreement.Version::name)
                .containsExactly("2025-01-21", "2025-10-28", "2026-03-01");
        both.put("policy.amendments[0].effective-from", "2025-10-28T00:00:00Z");
        assertInvalidAgreement(both, "policy.amendments[0].effective-from");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> changed = new HashMap<>(base);
        changed.put(key, value);
        return changed;
    }

    private static void assertInvalidAgreement(Map<String, String> overrides, String key) {
        assertInvalid(() -> agreementFrom(overrides), key);
    }

    private static void assertInvalid(Map<String, String> overrides, String key) {
        assertInvalid(() -> policyFrom(overrides), key);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable start, String key) {
        assertThatThrownBy(start)
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("Invalid policy: " + key + " ")
                .satisfies(e -> assertThat(((InvalidPolicyException) e).key()).isEqualTo(key));
    }

    /** The same path as start-up: configuration mapped onto PolicyConfig, then built and validated by Wiring. */
    private static Policy policyFrom(Map<String, String> overrides) {
        return new Wiring().policy(mapped(overrides));
    }

    private static Agreement agreementFrom(Map<String, String> overrides) {
        PolicyConfig mapped = mapped(overrides);
        Wiring wiring = new Wiring();
        return wiring.agreement(mapped, wiring.policy(mapped));
    }

    private static PolicyConfig mapped(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(VALID);
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PolicyConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(PolicyConfig.class);
    }
}
