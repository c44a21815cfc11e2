package firstrefusal.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry of terms: each term once, its default the contract's, read back as written, and refused by its own name. */
class TermsTest {

    @Test
    void eachTermIsListedOnceByItsContractName() {
        Set<String> names = new HashSet<>();
        Terms.all().forEach(t -> assertThat(names.add(t.name())).as("%s listed once", t).isTrue());
        assertThat(names).contains("first-refusal-window", "material-change.price-drop-percent", "api-exempt-customers");
    }

    @Test
    void theDefaultsAreTheContractsAndEachTermReadsBackAsWritten() {
        Policy defaults = Policy.builder().providers(TestPolicies.defaultContract().providers()).build();

        assertThat(defaults.values()).extracting(v -> v.term().name() + "=" + v.text()).containsExactly(
                "first-refusal=true", "api-exempt-customers=", "first-refusal-window=PT336H", "term-ends=2030-12-31",
                "clock-grace=PT10M", "material-change.price-drop-percent=5", "material-change.capacity-increase-percent=10",
                "clock-skew=PT5M", "notice-grace=PT1H", "lapse-requires-notice=true");
        defaults.values().forEach(v -> assertThat(v.term().parse(v.text())).as(v.term().name()).isEqualTo(v.value()));
    }

    @Test
    void aValueThatIsNotOneIsRefusedNamingTheTermAndEchoingTheText() {
        assertThatThrownBy(() -> Terms.FIRST_REFUSAL_WINDOW.parse("two weeks")).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("Invalid policy: first-refusal-window must be an ISO-8601 duration such as P7D, was 'two weeks'");
        assertThatThrownBy(() -> Terms.FIRST_REFUSAL.parse("no")).hasMessageContaining("first-refusal must be true or false");
    }

    @Test
    void aDraftChangesOnlyTheDraftedTermsInTheFormsOrder() {
        assertThat(Terms.drafted()).extracting(Term::name).containsExactly("first-refusal-window", "agi-declared-at", "term-ends",
                "clock-grace", "material-change.price-drop-percent", "material-change.capacity-increase-percent");
        assertThat(Terms.drafted("clock-skew")).isEmpty();
    }

    @Test
    void anAmendmentChangesTheTermsItNamesAndNoTermOnlyTheBaseSets() {
        Amendment.Changes changes = Amendment.Changes.none().with(Terms.FIRST_REFUSAL_WINDOW, Duration.ofDays(7))
                .with(Terms.FIRST_REFUSAL, false);
        Amendment amendment = new Amendment("2026-01-01", java.time.Instant.parse("2026-01-01T00:00:00Z"), changes,
                Amendment.PendingOffers.KEEP, List.of());

        Policy after = amendment.applyTo(TestPolicies.defaultContract());

        assertThat(after.firstRefusalWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(after.firstRefusal()).isFalse();
        assertThat(after.toBuilder().version("2025-01-21").firstRefusalWindow(Duration.ofDays(14)).firstRefusal(true).build())
                .as("every other term as before").isEqualTo(TestPolicies.defaultContract());
        assertThat(amendment.described()).isEqualTo(Map.of("first-refusal", "false", "first-refusal-window", "PT168H"));
        assertThatThrownBy(() -> changes.with(Terms.LAPSE_REQUIRES_NOTICE, false)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("lapse-requires-notice is not a term an amendment may change");
    }
}
