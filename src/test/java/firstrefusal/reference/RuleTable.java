package firstrefusal.reference;

import java.math.BigDecimal;
import java.time.Instant;

/** The decision tables that do not depend on time: the new-offer table and the material-change test. */
final class RuleTable {
    static final String PENDING = "PENDING_FIRST_REFUSAL";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RuleTable() {}

    /**
     * SPEC §4's new-offer table with §12's rows 4a and 7a, first matching row wins; null is row 8 (pending).
     * {@code terms} is the version in force at {@code t}; {@code agi} the agreement's AGI instant (rule 3).
     */
    static String newOffer(Input.Offer o, Instant t, Terms terms, Instant agi) {
        if (o.validUntil() != null && !o.validUntil().isAfter(t)) return "EXPIRED_ON_ARRIVAL";
        if (o.provider().equals(terms.holder())) return "HOLDER_CAPACITY";
        if (agi != null && !agi.isAfter(t)) return "AGI_DECLARED";
        if (o.startDate().isAfter(terms.termEnds())) return "OUTSIDE_CONTRACT_TERM";
        boolean api = o.workload().equals("API");
        if (api && o.customer() != null && terms.apiExemptCustomers().contains(o.customer())) return "API_CUSTOMER_EXEMPT";
        if (api) return "API_EXCLUSIVE_TO_HOLDER";
        Provider provider = terms.providers().get(o.provider());
        boolean research = o.workload().equals("TRAINING") || o.workload().equals("RESEARCH");
        if (provider != null && provider.kind() == Kind.SELF_BUILD && research) return "SELF_BUILD_RESEARCH_TRAINING";
        boolean excepted = terms.exceptions().values().stream()
                .anyMatch(e -> e.provider().equals(o.provider()) && e.offerIds().contains(o.offerId()));
        if (excepted) return "APPROVED_EXCEPTION";
        if (!terms.firstRefusal()) return "NO_FIRST_REFUSAL";
        return null;
    }

    /** The status each rule of the new-offer table gives. */
    static String status(String rule) {
        return switch (rule) {
            case "EXPIRED_ON_ARRIVAL" -> "EXPIRED";
            case "API_EXCLUSIVE_TO_HOLDER" -> "REJECTED";
            default -> "APPROVED";
        };
    }

    /**
     * §4: a revision is material when its price per GPU-hour fell by at least the price threshold, or its GPUs grew by
     * at least the capacity threshold, against the terms the holder was shown with the window, by that window's
     * thresholds. Compared exactly: {@code (old - new) * 100 >= threshold * old}, no division, no rounding.
     */
    static boolean material(Window shown, Input.Offer revision) {
        BigDecimal drop = shown.price().subtract(revision.price()).multiply(HUNDRED);
        boolean cheaper = drop.compareTo(shown.priceDrop().multiply(shown.price())) >= 0;
        BigDecimal growth = BigDecimal.valueOf((long) revision.gpus() - shown.gpus()).multiply(HUNDRED);
        boolean larger = growth.compareTo(shown.capacityIncrease().multiply(BigDecimal.valueOf(shown.gpus()))) >= 0;
        return cheaper || larger;
    }
}
