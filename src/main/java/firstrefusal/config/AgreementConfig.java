package firstrefusal.config;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.InvalidPolicyException;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ShippedAmendments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agreement from configuration: the base policy under {@code policy.}, then the shipped amendments named in
 * {@code policy.shipped-amendments} and those written under {@code policy.amendments[i]}, merged by their instants (the
 * written ones keep their order, so one out of order is caught). The terms' keys are {@link TermKeys}'. The domain names
 * a bad term and the amendment it belongs to; here it becomes the key the amendment came from.
 */
public final class AgreementConfig {

    private static final String SHIPPED = "policy.shipped-amendments";

    private AgreementConfig() {
    }

    /** The base policy: its version, holder, providers and exceptions, and the terms it sets ({@link TermKeys}). */
    public static Policy base(PolicyConfig config) {
        try {
            Policy.Builder builder = Policy.builder().version(config.version()).holder(config.holder())
                    .providers(providers(config.providers())).exceptions(exceptions(config.exceptions()));
            return TermKeys.base(config, builder).build();
        } catch (InvalidPolicyException e) {
            throw e.under("policy.");
        }
    }

    public static Agreement agreement(PolicyConfig config, Policy base) {
        List<Amendment> shipped = new ArrayList<>();
        for (String name : config.shippedAmendments().orElse(List.of())) {
            shipped.add(ShippedAmendments.named(name.trim(), base).orElseThrow(() -> new InvalidPolicyException(SHIPPED,
                    "'" + name + "' is not an amendment the project ships; one of " + ShippedAmendments.names())));
        }
        List<Amendment> written = new ArrayList<>();
        for (int i = 0; i < config.amendments().size(); i++) {
            try {
                written.add(amendment(config.amendments().get(i)));
            } catch (InvalidPolicyException e) {
                throw e.under(writtenKey(i));
            }
        }
        List<Amendment> merged = merged(shipped, written);
        try {
            return Agreement.of(base, merged);
        } catch (InvalidPolicyException e) {
            // The amendment at fault, by its key: one written in the configuration, or a shipped one switched on.
            if (e.amendment().isEmpty()) {
                throw e.under("policy.");
            }
            int writtenIndex = written.indexOf(e.amendment().get());
            throw writtenIndex < 0 ? new InvalidPolicyException(SHIPPED, e.problem()) : e.under(writtenKey(writtenIndex));
        }
    }

    private static String writtenKey(int index) {
        return "policy.amendments[" + index + "].";
    }

    /** The written amendments in their order, each shipped one placed before the first written one at or after it. */
    private static List<Amendment> merged(List<Amendment> shipped, List<Amendment> written) {
        List<Amendment> byInstant = new ArrayList<>(shipped);
        byInstant.sort(Comparator.comparing(Amendment::effectiveFrom));
        List<Amendment> merged = new ArrayList<>();
        int s = 0;
        for (Amendment w : written) {
            // At one instant the shipped one goes first, so the conflict is named at the written one's key.
            while (s < byInstant.size() && !byInstant.get(s).effectiveFrom().isAfter(w.effectiveFrom())) {
                merged.add(byInstant.get(s++));
            }
            merged.add(w);
        }
        merged.addAll(byInstant.subList(s, byInstant.size()));
        return merged;
    }

    private static Amendment amendment(PolicyConfig.AmendmentConfig a) {
        Amendment.Changes changes = TermKeys.changes(a).withProviders(providers(a.providers())).withExceptions(exceptions(a.exceptions()));
        return new Amendment(a.version(), a.effectiveFrom(), changes,
                a.pendingOffers().map(Amendment.PendingOffers::parse).orElse(Amendment.PendingOffers.KEEP),
                a.commitments().stream().map(c -> new Commitment(a.version(), c.provider(), c.amountUsd(), c.from(), c.to())).toList());
    }

    private static Map<String, Provider> providers(Map<String, PolicyConfig.ProviderConfig> configured) {
        Map<String, Provider> providers = new TreeMap<>();
        configured.forEach((id, p) -> providers.put(id, new Provider(id, p.name(), p.kind())));
        return providers;
    }

    private static List<PreApproval> exceptions(List<PolicyConfig.ExceptionConfig> configured) {
        return configured.stream().map(e -> new PreApproval(e.id(), e.provider(), Set.copyOf(e.offerIds()))).toList();
    }
}
