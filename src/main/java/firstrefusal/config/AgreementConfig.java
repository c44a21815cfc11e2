package firstrefusal.config;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.InvalidPolicyException;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.domain.policy.Terms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agreement from configuration: the shipped amendments named in {@code policy.shipped-amendments} and those written
 * under {@code policy.amendments[i]}, merged by their instants (the written ones keep their order, so one out of order
 * is caught), on top of the base policy. The domain names a bad term and the amendment it belongs to;
 * here it becomes the key the amendment came from.
 */
public final class AgreementConfig {

    private static final String SHIPPED = "policy.shipped-amendments";

    private AgreementConfig() {
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
        Map<String, Provider> providers = new TreeMap<>();
        a.providers().forEach((id, p) -> providers.put(id, new Provider(id, p.name(), p.kind())));
        Amendment.Changes changes = Amendment.Changes.none().with(Terms.FIRST_REFUSAL_WINDOW, a.firstRefusalWindow())
                .with(Terms.TERM_ENDS, a.termEnds()).with(Terms.AGI_DECLARED_AT, a.agiDeclaredAt())
                .with(Terms.PRICE_DROP_PERCENT, a.materialChange().flatMap(PolicyConfig.MaterialChangeChanges::priceDropPercent))
                .with(Terms.CAPACITY_INCREASE_PERCENT, a.materialChange().flatMap(PolicyConfig.MaterialChangeChanges::capacityIncreasePercent))
                .with(Terms.CLOCK_GRACE, a.clockGrace()).with(Terms.CLOCK_SKEW, a.clockSkew()).with(Terms.NOTICE_GRACE, a.noticeGrace())
                .with(Terms.HOLDER_ACCOUNT, AwsAccount.checked(a.holderAccount(), "holder-account"))
                .with(Terms.FIRST_REFUSAL, a.firstRefusal()).with(Terms.API_EXEMPT_CUSTOMERS, a.apiExemptCustomers().map(Set::copyOf))
                .withProviders(providers)
                .withExceptions(a.exceptions().stream().map(e -> new PreApproval(e.id(), e.provider(), Set.copyOf(e.offerIds()))).toList());
        return new Amendment(a.version(), a.effectiveFrom(), changes,
                a.pendingOffers().map(Amendment.PendingOffers::parse).orElse(Amendment.PendingOffers.KEEP),
                a.commitments().stream().map(c -> new Commitment(a.version(), c.provider(), c.amountUsd(), c.from(), c.to())).toList());
    }
}
