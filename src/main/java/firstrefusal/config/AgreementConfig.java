package firstrefusal.config;

import firstrefusal.policy.Agreement;
import firstrefusal.policy.Amendment;
import firstrefusal.policy.Commitment;
import firstrefusal.policy.InvalidPolicyException;
import firstrefusal.policy.Policy;
import firstrefusal.policy.PreApproval;
import firstrefusal.policy.Provider;
import firstrefusal.policy.ShippedAmendments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agreement from configuration: the shipped amendments named in {@code policy.shipped-amendments} and those written
 * under {@code policy.amendments[i]}, merged by their instants (the written ones keep their order, so one out of order
 * is caught), on top of the base policy. The domain names a bad term as {@code amendments[i].<term>} of that list;
 * here it becomes the key the amendment came from.
 */
final class AgreementConfig {

    private static final Pattern AMENDMENT_TERM = Pattern.compile("^amendments\\[(\\d+)]\\.(.*)$");
    private static final String SHIPPED = "policy.shipped-amendments";

    private AgreementConfig() {
    }

    static Agreement agreement(PolicyConfig config, Policy base) {
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
            Matcher m = AMENDMENT_TERM.matcher(e.key());
            if (!m.matches()) {
                throw e.under("policy.");
            }
            int writtenIndex = written.indexOf(merged.get(Integer.parseInt(m.group(1))));
            throw new InvalidPolicyException(writtenIndex < 0 ? SHIPPED : writtenKey(writtenIndex) + m.group(2), e.problem());
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
        Amendment.Changes changes = new Amendment.Changes(a.firstRefusalWindow(), a.termEnds(), a.agiDeclaredAt(),
                a.materialChange().flatMap(PolicyConfig.MaterialChangeChanges::priceDropPercent),
                a.materialChange().flatMap(PolicyConfig.MaterialChangeChanges::capacityIncreasePercent),
                a.clockGrace(), a.clockSkew(), a.noticeGrace(), a.holderAccount(), a.firstRefusal(),
                a.apiExemptCustomers().map(Set::copyOf), providers,
                a.exceptions().stream().map(e -> new PreApproval(e.id(), e.provider(), Set.copyOf(e.offerIds()))).toList());
        return new Amendment(a.version(), a.effectiveFrom(), changes,
                a.pendingOffers().map(Amendment.PendingOffers::parse).orElse(Amendment.PendingOffers.KEEP),
                a.commitments().stream().map(c -> new Commitment(a.version(), c.provider(), c.amountUsd(), c.from(), c.to())).toList());
    }
}
