package firstrefusal.page;

import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What an amendment changes, in sentences a legal reader can check against the signed text: each term it changes as the
 * term says it ({@link firstrefusal.domain.policy.Terms}), what becomes of the offers pending then, then the providers,
 * exceptions and commitments it adds.
 */
final class AmendmentWords {

    private AmendmentWords() {
    }

    static List<String> said(Amendment a, Policy policy) {
        Amendment.Changes c = a.changes();
        List<String> said = new ArrayList<>();
        c.values().forEach(change -> said.add(change.said(Formats::inWords)));
        if (a.pendingOffers() == Amendment.PendingOffers.RELEASE) {
            said.add("Offers awaiting the holder when it takes effect are released: the buyer may take them.");
        }
        c.providers().values().stream().sorted(Comparator.comparing(Provider::id))
                .forEach(p -> said.add("Provider " + p.id() + " is " + p.name() + "."));
        c.exceptions().forEach(e -> said.add("Pre-approved: " + name(policy, e.provider()) + "'s offers "
                + String.join(", ", new TreeSet<>(e.offerIds())) + "."));
        for (Commitment m : a.commitments()) {
            said.add("The buyer commits to " + Formats.usd(m.amountUsd()) + " of " + name(policy, m.provider()) + " from "
                    + Formats.day(m.from()) + m.to().map(t -> " until " + Formats.day(t)).orElse("") + ".");
        }
        return List.copyOf(said);
    }

    private static String name(Policy policy, String id) {
        return policy.provider(id).map(Provider::name).orElse(id);
    }
}
