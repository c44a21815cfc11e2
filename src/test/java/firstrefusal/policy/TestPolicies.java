package firstrefusal.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
        Policy p = defaultContract();
        return new Policy(p.version(), p.holder(), p.termEnds(), p.firstRefusalWindow(), p.priceDropPercent(),
                p.capacityIncreasePercent(), p.agiDeclaredAt(), p.clockGrace(), p.providers(), p.exceptions(),
                Optional.of(account));
    }

    public static Policy withAgiDeclaredAt(Instant agiDeclaredAt) {
        return new Policy("2025-01-21", "azure", LocalDate.parse("2030-12-31"), Duration.ofDays(14),
                BigDecimal.valueOf(5), BigDecimal.valueOf(10), Optional.ofNullable(agiDeclaredAt), Duration.ofMinutes(10),
                Map.of(
                        "azure", new Provider("azure", "Microsoft Azure", ProviderKind.HOLDER),
                        "oracle", new Provider("oracle", "Oracle Cloud Infrastructure", ProviderKind.THIRD_PARTY),
                        "softbank", new Provider("softbank", "SoftBank", ProviderKind.THIRD_PARTY),
                        "coreweave", new Provider("coreweave", "CoreWeave", ProviderKind.THIRD_PARTY),
                        "google", new Provider("google", "Google Cloud", ProviderKind.THIRD_PARTY),
                        "stargate", new Provider("stargate", "Stargate", ProviderKind.SELF_BUILD)),
                List.of(new PreApproval("oracle-2024-06", "oracle", Set.of("oci-openai-2024-06"))));
    }
}
