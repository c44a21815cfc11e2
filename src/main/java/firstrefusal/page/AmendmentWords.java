package firstrefusal.page;

import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What an amendment changes, in sentences a legal reader can check against the signed text. */
final class AmendmentWords {

    private AmendmentWords() {
    }

    static List<String> said(Amendment a, Policy policy) {
        Amendment.Changes c = a.changes();
        List<String> said = new ArrayList<>();
        c.firstRefusal().ifPresent(on -> said.add(on ? "The holder has a right of first refusal on new capacity."
                : "The holder's right of first refusal on new capacity ends."));
        if (a.pendingOffers() == Amendment.PendingOffers.RELEASE) {
            said.add("Offers awaiting the holder when it takes effect are released: the buyer may take them.");
        }
        c.apiExemptCustomers().ifPresent(customers -> said.add("API work for " + String.join(", ", new TreeSet<>(customers))
                + " may run on any cloud; other API work stays with the holder."));
        c.termEnds().ifPresent(d -> said.add("The terms run through " + Formats.day(d) + "."));
        c.firstRefusalWindow().ifPresent(d -> said.add("The holder's window is " + Formats.words(d) + "."));
        c.agiDeclaredAt().ifPresent(t -> said.add("AGI is declared at " + Formats.utc(t) + "."));
        c.priceDropPercent().ifPresent(p -> said.add("A revision counts as better terms when at least " + p.toPlainString()
                + " % cheaper."));
        c.capacityIncreasePercent().ifPresent(p -> said.add("A revision counts as better terms when at least "
                + p.toPlainString() + " % larger."));
        c.clockGrace().ifPresent(d -> said.add("The clock waits " + Formats.words(d) + " after a deadline before it records a lapse."));
        c.clockSkew().ifPresent(d -> said.add("A sender's clock may run at most " + Formats.words(d) + " ahead of arrival."));
        c.noticeGrace().ifPresent(d -> said.add("A notice within " + Formats.words(d) + " of the window opening is in time."));
        c.holderAccount().ifPresent(acct -> said.add("The holder's answers come from AWS account " + acct + "."));
        c.providers().values().stream().sorted(java.util.Comparator.comparing(Provider::id))
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
