package firstrefusal.config;

import firstrefusal.offer.OfferDecisions;
import firstrefusal.offer.OfferStore;
import firstrefusal.policy.Policy;
import firstrefusal.policy.PreApproval;
import firstrefusal.policy.Provider;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds the plain-Java domain objects from configuration, for injection into the functions and the page. */
@Singleton
public class Wiring {

    @Produces
    @Singleton
    Policy policy(PolicyConfig config) {
        Map<String, Provider> providers = new TreeMap<>();
        config.providers().forEach((id, p) -> providers.put(id, new Provider(id, p.name(), p.kind())));
        return new Policy(config.version(), config.holder(), config.termEnds(), config.firstRefusalWindow(),
                config.materialChange().priceDropPercent(), config.materialChange().capacityIncreasePercent(),
                config.agiDeclaredAt(), config.clockGrace(), providers,
                config.exceptions().stream().map(e -> new PreApproval(e.id(), e.provider(), Set.copyOf(e.offerIds()))).toList());
    }

    @Produces
    @Singleton
    OfferDecisions decisions(Policy policy, OfferStore store) {
        return new OfferDecisions(policy, store);
    }

    /** The wall clock, for "time left" on the page only: decisions never read it (SPEC §3). */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** An invalid policy stops start-up (and a Lambda's init) with the key named, before any message is taken. */
    void validatePolicyAtStartup(@Observes StartupEvent event, Policy policy) {
        policy.version();
    }
}
