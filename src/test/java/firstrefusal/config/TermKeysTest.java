package firstrefusal.config;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Term;
import firstrefusal.domain.policy.Terms;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * Every term of the registry is configured under its own name (src/docs/contract.md, "The policy" and "The agreement over
 * time"): {@code policy.<term>} for the base (on Lambda {@code POLICY_<TERM>}), {@code policy.amendments[i].<term>} for an
 * amendment. Each term is set to a value other than its default, and read back through the same path as start-up.
 */
class TermKeysTest {

    /** The terms the contract gives no base key: only an amendment changes them. */
    private static final Set<Term<?>> AMENDMENT_ONLY = Set.of(Terms.FIRST_REFUSAL, Terms.API_EXEMPT_CUSTOMERS);

    private static final Map<String, String> PROVIDERS = Map.of(
            "policy.providers.azure.name", "Microsoft Azure",
            "policy.providers.azure.kind", "HOLDER");

    @Test
    void everyTermHasItsKeysInTheRegistrysOrder() {
        assertThat(TermKeys.terms()).isEqualTo(Terms.all());
    }

    @Test
    void theBaseTakesEveryTermFromTheKeyOfItsName() {
        for (Term<?> term : Terms.all()) {
            if (AMENDMENT_ONLY.contains(term)) {
                continue;
            }
            Map<String, String> properties = new HashMap<>(PROVIDERS);
            properties.put("policy." + term.name(), sample(term));
            Policy policy = AgreementConfig.base(mapped(new PropertiesConfigSource(properties, "test", 500)));
            assertThat(policy.find(term)).as("policy.%s", term.name()).isEqualTo(Optional.of(term.parse(sample(term))));
        }
    }

    @Test
    void theBaseTakesEveryTermFromItsEnvironmentVariable() {
        for (Term<?> term : Terms.all()) {
            if (AMENDMENT_ONLY.contains(term)) {
                continue;
            }
            String variable = "POLICY_" + term.name().replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
            Policy policy = AgreementConfig.base(mapped(new PropertiesConfigSource(PROVIDERS, "test", 500),
                    new EnvConfigSource(Map.of(variable, sample(term)), 300)));
            assertThat(policy.find(term)).as(variable).isEqualTo(Optional.of(term.parse(sample(term))));
        }
    }

    @Test
    void anAmendmentChangesEveryTermItMayFromTheKeyOfItsName() {
        List<Term<?>> amendable = Terms.all().stream().filter(Term::amendable).toList();
        Map<String, String> properties = new HashMap<>(PROVIDERS);
        properties.put("policy.amendments[0].version", "2026-03-01");
        properties.put("policy.amendments[0].effective-from", "2026-03-01T00:00:00Z");
        amendable.forEach(term -> properties.put("policy.amendments[0]." + term.name(), sample(term)));
        PolicyConfig config = mapped(new PropertiesConfigSource(properties, "test", 500));

        Amendment amendment = AgreementConfig.agreement(config, AgreementConfig.base(config)).amendments().getFirst();

        for (Term<?> term : amendable) {
            assertThat(amendment.changes().get(term)).as("policy.amendments[0].%s", term.name()).isEqualTo(Optional.of(term.parse(sample(term))));
        }
        assertThat(amendment.changes().values()).hasSize(amendable.size());
    }

    @Test
    void noTermIsChangedThatTheAmendmentLeavesOut() {
        Map<String, String> properties = new HashMap<>(PROVIDERS);
        properties.put("policy.amendments[0].version", "2026-03-01");
        properties.put("policy.amendments[0].effective-from", "2026-03-01T00:00:00Z");
        PolicyConfig config = mapped(new PropertiesConfigSource(properties, "test", 500));

        Agreement agreement = AgreementConfig.agreement(config, AgreementConfig.base(config));

        assertThat(agreement.amendments().getFirst().changes().values()).isEmpty();
        assertThat(agreement.latest().toBuilder().version("2025-01-21").build()).isEqualTo(agreement.base());
    }

    /** A value of the term other than its default, as configuration writes it. */
    private static String sample(Term<?> term) {
        Term.Kind<?> kind = term.kind();
        if (kind == Term.Kind.DURATION) {
            return (term == Terms.FIRST_REFUSAL_WINDOW ? Duration.ofDays(20) : Duration.ofMinutes(30)).toString();
        } else if (kind == Term.Kind.DATE) {
            return LocalDate.parse("2031-01-31").toString();
        } else if (kind == Term.Kind.INSTANT) {
            return Instant.parse("2027-01-01T00:00:00Z").toString();
        } else if (kind == Term.Kind.NUMBER) {
            return BigDecimal.valueOf(7).toPlainString();
        } else if (kind == Term.Kind.FLAG) {
            return String.valueOf(!term.fallback().map(Boolean.class::cast).orElse(false));
        } else if (kind == Term.Kind.NAMES) {
            return "customer-a,customer-b";
        }
        return "111122223333"; // the one text term, the holder's account: twelve digits
    }

    private static PolicyConfig mapped(ConfigSource... sources) {
        return new SmallRyeConfigBuilder().withMapping(PolicyConfig.class).withSources(sources).build()
                .getConfigMapping(PolicyConfig.class);
    }
}
