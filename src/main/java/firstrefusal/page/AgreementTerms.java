package firstrefusal.page;

import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ProviderKind;
import firstrefusal.domain.policy.Term;
import firstrefusal.domain.policy.Terms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One version's terms in full, in sentences a procurement or legal reader can hold against the signed text: the window
 * and the end of the terms, the providers by kind, the research and training carve-out, API work, the exceptions, the
 * holder's account and the time rules; a term none of these sentences names says itself, as {@link Terms} has it.
 * {@link AmendmentWords} says what an amendment changes; this says where each version, the base too, stands as a whole.
 */
final class AgreementTerms {

    /** The terms said together in the sentences below (the window with first refusal, the end with AGI, the time rules). */
    private static final Set<Term<?>> SAID_TOGETHER = Set.of(Terms.FIRST_REFUSAL, Terms.FIRST_REFUSAL_WINDOW,
            Terms.PRICE_DROP_PERCENT, Terms.CAPACITY_INCREASE_PERCENT, Terms.API_EXEMPT_CUSTOMERS, Terms.TERM_ENDS,
            Terms.AGI_DECLARED_AT, Terms.CLOCK_GRACE, Terms.NOTICE_GRACE, Terms.CLOCK_SKEW, Terms.LAPSE_REQUIRES_NOTICE);

    private AgreementTerms() {
    }

    static List<String> of(Policy p) {
        String holder = p.holderName();
        List<String> said = new ArrayList<>();
        if (p.firstRefusal()) {
            said.add(holder + ", the holder, has a right of first refusal on new capacity: before the buyer takes an offer from"
                    + " a third party, or self-built capacity for anything but research or training, the holder may match it"
                    + " within " + Formats.words(p.firstRefusalWindow()) + " of being told.");
            said.add("A revision of an offer counts as better terms, and opens first refusal again, when it is at least "
                    + p.priceDropPercent().toPlainString() + " % cheaper per GPU-hour or has at least "
                    + p.capacityIncreasePercent().toPlainString() + " % more GPUs.");
            said.add("Self-built research and training capacity is carved out: it needs no first refusal.");
        } else {
            said.add(holder + ", the holder, has no right of first refusal on new capacity: the buyer may take any offer"
                    + " that is not API work without asking it.");
        }
        said.add("API work stays with the holder: no other cloud and no self-built site may serve it"
                + (p.apiExemptCustomers().isEmpty() ? "." : ", except API work for "
                        + String.join(", ", new TreeSet<>(p.apiExemptCustomers())) + ", which may run on any cloud."));
        said.add("The terms apply to capacity that starts on or before " + Formats.day(p.termEnds())
                + p.agiDeclaredAt().map(agi -> "; AGI was declared at " + Formats.utc(agi) + ", and from then on exclusivity"
                        + " and first refusal no longer apply.").orElse(", unless AGI is declared first."));
        for (ProviderKind kind : ProviderKind.values()) {
            List<String> named = p.providers().values().stream().filter(v -> v.kind() == kind)
                    .sorted(Comparator.comparing(Provider::id)).map(v -> v.name() + " (" + v.id() + ")").toList();
            if (!named.isEmpty()) {
                said.add(kindTitle(kind) + ": " + String.join(", ", named) + ".");
            }
        }
        if (p.exceptions().isEmpty()) {
            said.add("No offer is pre-approved by the holder.");
        }
        for (PreApproval e : p.exceptions()) {
            said.add("Pre-approved by the holder, exception " + e.id() + ": " + p.provider(e.provider()).map(Provider::name)
                    .orElse(e.provider()) + "'s offer" + (e.offerIds().size() == 1 ? " " : "s ")
                    + String.join(", ", new TreeSet<>(e.offerIds())) + ".");
        }
        if (p.holderAccount().isEmpty()) {
            said.add("No holder account is set: the holder's answers are not checked against an AWS account.");
        }
        // Each term not said together with others here, as the term says itself: the holder's account, any term added since.
        p.values().stream().filter(v -> !SAID_TOGETHER.contains(v.term())).forEach(v -> said.add(v.said(Formats::inWords)));
        said.add("The clock waits " + Formats.words(p.clockGrace()) + " after a deadline before it records a lapse; a notice"
                + " to the holder more than " + Formats.words(p.noticeGrace()) + " after its window opened moves the deadline;"
                + " a message may be dated at most " + Formats.words(p.clockSkew()) + " after it reached the queue.");
        said.add(Terms.LAPSE_REQUIRES_NOTICE.of(p.lapseRequiresNotice()).said(Formats::inWords));
        return List.copyOf(said);
    }

    private static String kindTitle(ProviderKind kind) {
        return switch (kind) {
            case HOLDER -> "The holder";
            case THIRD_PARTY -> "Third parties";
            case SELF_BUILD -> "Self-built";
        };
    }
}
