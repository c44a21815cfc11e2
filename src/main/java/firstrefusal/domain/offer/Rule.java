package firstrefusal.domain.offer;

/**
 * Every rule a decision can rest on, each with the clause of the agreement it applies (src/docs/contract.md, "The agreement" and "Decisions").
 * The name is the {@code rule} field of the decision; see {@link NewOfferRules} and {@link PendingOfferRules}
 * for when each applies.
 */
public enum Rule {
    // A new offer (the rule table of src/docs/contract.md, first match wins)
    EXPIRED_ON_ARRIVAL("An offer no longer valid when it arrives cannot be taken."),
    HOLDER_CAPACITY("The holder's own capacity needs no first refusal."),
    AGI_DECLARED("Once AGI is declared, the holder's exclusivity and first refusal no longer apply; offers pending then are released."),
    OUTSIDE_CONTRACT_TERM("The terms run through the term end; capacity starting after it is free."),
    API_CUSTOMER_EXEMPT("API access for the customers an amendment names may run on any cloud."),
    API_EXCLUSIVE_TO_HOLDER("API workloads run only on the holder: no third party or self-built site may serve them."),
    SELF_BUILD_RESEARCH_TRAINING("Self-built capacity (Stargate) for research or training is approved by the holder."),
    APPROVED_EXCEPTION("One-off exceptions the holder approved earlier stay approved."),
    NO_FIRST_REFUSAL("The version in force gives the holder no first refusal: the offer may be taken."),
    FIRST_REFUSAL_REQUIRED("New capacity from anyone else goes to the holder first, who may match it within the window."),

    // A pending offer (src/docs/contract.md: the first of these events decides)
    HOLDER_MATCHED("The holder matched within the window and takes the capacity."),
    HOLDER_DECLINED("The holder declined within the window: the buyer may go to the third party."),
    OFFER_EXPIRED("The offer's validity ended before first refusal was settled."),
    FIRST_REFUSAL_LAPSED("The holder let the window lapse: the buyer may go to the third party."),
    OFFER_WITHDRAWN("The provider withdrew the offer."),
    NOTICE_LATE("The holder was told late: its window runs from the notice, so the deadline moves."),

    // The agreement itself ends first refusal for offers pending at an instant
    RELEASED_BY_AMENDMENT("An amendment released the offers pending when it took effect."),

    // A revision of a pending or holder-released offer
    MATERIAL_CHANGE("Materially better terms than the holder saw re-open first refusal with a fresh window."),
    NON_MATERIAL_REVISION("A revision without a material change leaves the decision standing.");

    private final String clause;

    Rule(String clause) {
        this.clause = clause;
    }

    /** The clause of the agreement this rule applies, in words. */
    public String clause() {
        return clause;
    }
}
