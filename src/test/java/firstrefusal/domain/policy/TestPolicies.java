package firstrefusal.domain.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The default contract (src/docs/contract.md, "The policy"), written out independently of application.properties so tests can compare the two. */
public final class TestPolicies {

    private TestPolicies() {
    }

    public static Policy defaultContract() {
        return withAgiDeclaredAt(null);
    }

    /** The default contract, taking holder responses only from the holder's AWS account. */
    public static Policy withHolderAccount(String account) {
        return defaultContract().toBuilder().holderAccount(Optional.of(account)).build();
    }

    public static Policy withAgiDeclaredAt(Instant agiDeclaredAt) {
        return builder().agiDeclaredAt(Optional.ofNullable(agiDeclaredAt)).build();
    }

    /** The default contract's terms, each written out, to change some of them. */
    public static Policy.Builder builder() {
        return Policy.builder()
                .version("2025-01-21").holder("azure").termEnds(java.time.LocalDate.parse("2030-12-31"))
                .firstRefusalWindow(java.time.Duration.ofDays(14))
                .priceDropPercent(java.math.BigDecimal.valueOf(5)).capacityIncreasePercent(java.math.BigDecimal.valueOf(10))
                .clockGrace(java.time.Duration.ofMinutes(10)).clockSkew(java.time.Duration.ofMinutes(5))
                .noticeGrace(java.time.Duration.ofHours(1)).lapseRequiresNotice(true)
                .providers(Map.of(
                        "azure", new Provider("azure", "Microsoft Azure", ProviderKind.HOLDER),
                        "oracle", new Provider("oracle", "Oracle Cloud Infrastructure", ProviderKind.THIRD_PARTY),
                        "softbank", new Provider("softbank", "SoftBank", ProviderKind.THIRD_PARTY),
                        "coreweave", new Provider("coreweave", "CoreWeave", ProviderKind.THIRD_PARTY),
                        "google", new Provider("google", "Google Cloud", ProviderKind.THIRD_PARTY),
                        "stargate", new Provider("stargate", "Stargate", ProviderKind.SELF_BUILD)))
                .exceptions(List.of(new PreApproval("oracle-2024-06", "oracle", Set.of("oci-openai-2024-06"))));
    }

    /** The default contract for deployments without notify: a window lapses whether or not its notice was recorded. */
    public static Policy withoutNotices() {
        return builder().lapseRequiresNotice(false).build();
    }
}
