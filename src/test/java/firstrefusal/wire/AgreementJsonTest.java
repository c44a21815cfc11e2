package firstrefusal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ProviderKind;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.domain.policy.Terms;
import firstrefusal.domain.policy.TestPolicies;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An agreement as the record keeps it for its deployments (src/docs/contract.md, "Configuration takes effect when it is
 * deployed"): the written form, and so the id, of terms on record never changes, or a start under the same terms would
 * record a new deployment. The texts and ids here are those the record held before the terms became one registry.
 */
class AgreementJsonTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theShippedRevisionIsWrittenAsOnRecord() {
        Policy base = TestPolicies.defaultContract();
        Agreement revised = Agreement.of(base, List.of(ShippedAmendments.named("2025-10-28", base).orElseThrow()));

        assertThat(AgreementJson.write(revised).toString()).isEqualTo(
                "{\"base\":{\"version\":\"2025-01-21\",\"holder\":\"azure\",\"termEnds\":\"2030-12-31\",\"firstRefusalWindow\":\"P" +
                "T336H\",\"priceDropPercent\":\"5\",\"capacityIncreasePercent\":\"10\",\"clockGrace\":\"PT10M\",\"clockSkew\":\"P" +
                "T5M\",\"noticeGrace\":\"PT1H\",\"lapseRequiresNotice\":true,\"firstRefusal\":true,\"apiExemptCustomers\":[]" +
                ",\"providers\":{\"azure\":{\"name\":\"Microsoft Azure\",\"kind\":\"HOLDER\"},\"coreweave\":{\"name\":\"CoreWeave\"" +
                ",\"kind\":\"THIRD_PARTY\"},\"google\":{\"name\":\"Google Cloud\",\"kind\":\"THIRD_PARTY\"},\"oracle\":{\"name\":\"O" +
                "racle Cloud Infrastructure\",\"kind\":\"THIRD_PARTY\"},\"softbank\":{\"name\":\"SoftBank\",\"kind\":\"THIRD_PA" +
                "RTY\"},\"stargate\":{\"name\":\"Stargate\",\"kind\":\"SELF_BUILD\"}},\"exceptions\":[{\"id\":\"oracle-2024-06\",\"" +
                "provider\":\"oracle\",\"offerIds\":[\"oci-openai-2024-06\"]}]},\"amendments\":[{\"version\":\"2025-10-28\",\"e" +
                "ffectiveFrom\":\"2025-10-28T00:00:00Z\",\"pendingOffers\":\"RELEASE\",\"changes\":{\"termEnds\":\"2032-12-31" +
                "\",\"firstRefusal\":false,\"apiExemptCustomers\":[\"us-national-security\"],\"providers\":{},\"exceptions\"" +
                ":[]},\"commitments\":[{\"provider\":\"azure\",\"amountUsd\":\"250000000000\",\"from\":\"2025-10-28T00:00:00Z\"" +
                "}]}]}");
        assertThat(AgreementJson.id(revised)).isEqualTo("d074c8c493d52c76");
        assertThat(AgreementJson.id(Agreement.of(base))).isEqualTo("009653a29e7a334c");
    }

    @Test
    void everyTermABaseOrAnAmendmentSetsKeepsItsPlaceAndTheAgreementItsId() {
        Policy base = TestPolicies.builder().agiDeclaredAt(Optional.of(Instant.parse("2027-01-01T00:00:00Z")))
                .holderAccount(Optional.of("111122223333")).lapseRequiresNotice(false)
                .priceDropPercent(new BigDecimal("7.50")).capacityIncreasePercent(new BigDecimal("1E+1")).build();
        Amendment.Changes every = Amendment.Changes.none().with(Terms.FIRST_REFUSAL_WINDOW, Duration.ofDays(7))
                .with(Terms.TERM_ENDS, LocalDate.parse("2031-06-30")).with(Terms.AGI_DECLARED_AT, Instant.parse("2028-01-01T00:00:00Z"))
                .with(Terms.PRICE_DROP_PERCENT, new BigDecimal("3")).with(Terms.CAPACITY_INCREASE_PERCENT, new BigDecimal("12.5"))
                .with(Terms.CLOCK_GRACE, Duration.ofMinutes(20)).with(Terms.CLOCK_SKEW, Duration.ofMinutes(7))
                .with(Terms.NOTICE_GRACE, Duration.ofHours(2)).with(Terms.HOLDER_ACCOUNT, "444455556666")
                .with(Terms.FIRST_REFUSAL, true).with(Terms.API_EXEMPT_CUSTOMERS, Set.of("b-cust", "a-cust"))
                .withProviders(Map.of("nebius", new Provider("nebius", "Nebius", ProviderKind.THIRD_PARTY),
                        "aws", new Provider("aws", "AWS", ProviderKind.THIRD_PARTY)))
                .withExceptions(List.of(new PreApproval("x-1", "oracle", Set.of("o2", "o1"))));
        Agreement all = Agreement.of(TestPolicies.defaultContract(), List.of(new Amendment("2026-01-01", FROM, every,
                Amendment.PendingOffers.KEEP, List.of(new Commitment("2026-01-01", "oracle", new BigDecimal("1000000"), FROM,
                        Optional.of(Instant.parse("2027-01-01T00:00:00Z")))))));
        Agreement odd = Agreement.of(base);

        assertThat(AgreementJson.id(all)).isEqualTo("1cba6cf15bdc38b4");
        assertThat(AgreementJson.id(odd)).isEqualTo("a2a408649ef1f9fc");
        for (Agreement agreement : List.of(all, odd)) {
            assertThat(AgreementJson.id(AgreementJson.read(AgreementJson.write(agreement)))).isEqualTo(AgreementJson.id(agreement));
        }
        assertThat(AgreementJson.read(AgreementJson.write(all)).versions()).extracting(Agreement.Version::policy)
                .as("read back as written").isEqualTo(all.versions().stream().map(Agreement.Version::policy).toList());
    }
}
