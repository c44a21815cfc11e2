package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Rule.Trait.AMENDMENT;
import static firstrefusal.domain.offer.Rule.Trait.CARRIES_FORWARD;
import static firstrefusal.domain.offer.Rule.Trait.ENDS_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Rule.Trait.EXPIRY;
import static firstrefusal.domain.offer.Rule.Trait.HOLDER_ANSWER;
import static firstrefusal.domain.offer.Rule.Trait.HOLDER_LET_GO;
import static firstrefusal.domain.offer.Rule.Trait.LAPSE;
import static firstrefusal.domain.offer.Rule.Trait.OPENS_WINDOW;
import static firstrefusal.domain.offer.Rule.Trait.RELEASE;

import java.util.Set;

/**
 * Every rule a decision can rest on, each with the clause of the agreement it applies (src/docs/contract.md, "The agreement" and "Decisions").
 * The name is the {@code rule} field of the decision; see {@link NewOfferRules} and {@link PendingOfferRules}
 * for when each applies.
 *
 * <p>Each rule lists its {@link Trait traits}: what the rest of the code asks of a rule (does it open a window, is it a
 * lapse). Code outside the rule tables asks for a trait, never for a rule by name, so a new rule is its row here and its
 * row in the table that applies it.
 */
public enum Rule {
    // A new offer (the rule table of src/docs/contract.md, first match wins)
    EXPIRED_ON_ARRIVAL("An offer no longer valid when it arrives cannot be taken."),
    HOLDER_CAPACITY("The holder's own capacity needs no first refusal."),
    AGI_DECLARED("Once AGI is declared, the holder's exclusivity and first refusal no longer apply; offers pending then are released.",
            ENDS_FIRST_REFUSAL, RELEASE),
    OUTSIDE_CONTRACT_TERM("The terms run through the term end; capacity starting after it is free."),
    API_CUSTOMER_EXEMPT("API access for the customers an amendment names may run on any cloud.", AMENDMENT),
    API_EXCLUSIVE_TO_HOLDER("API workloads run only on the holder: no third party or self-built site may serve them."),
    SELF_BUILD_RESEARCH_TRAINING("Self-built capacity (Stargate) for research or training is approved by the holder."),
    APPROVED_EXCEPTION("One-off exceptions the holder approved earlier stay approved."),
    NO_FIRST_REFUSAL("The version in force gives the holder no first refusal: the offer may be taken.", ENDS_FIRST_REFUSAL, AMENDMENT),
    FIRST_REFUSAL_REQUIRED("New capacity from anyone else goes to the holder first, who may match it within the window.", OPENS_WINDOW),

    // A pending offer (src/docs/contract.md: the first of these events decides)
    HOLDER_MATCHED("The holder matched within the window and takes the capacity.", HOLDER_ANSWER),
    HOLDER_DECLINED("The holder declined within the window: the buyer may go to the third party.", HOLDER_ANSWER, HOLDER_LET_GO),
    OFFER_EXPIRED("The offer's validity ended before first refusal was settled.", EXPIRY),
    FIRST_REFUSAL_LAPSED("The holder let the window lapse: the buyer may go to the third party.", LAPSE, HOLDER_LET_GO),
    OFFER_WITHDRAWN("The provider withdrew the offer."),
    NOTICE_LATE("The holder was told late: its window runs from the notice, so the deadline moves.", CARRIES_FORWARD),

    // The agreement itself ends first refusal for offers pending at an instant
    RELEASED_BY_AMENDMENT("An amendment released the offers pending when it took effect.", RELEASE, AMENDMENT),

    // A revision of a pending or holder-released offer
    MATERIAL_CHANGE("Materially better terms than the holder saw re-open first refusal with a fresh window.", OPENS_WINDOW),
    NON_MATERIAL_REVISION("A revision without a material change leaves the decision standing.", CARRIES_FORWARD);

    /** What the code asks of a rule. A rule has any number of them. */
    public enum Trait {
        /** Its decision opens a first-refusal window: the holder is asked, by a {@code First Refusal Requested} event. */
        OPENS_WINDOW,
        /** The holder answered within its window: how long it took is measured. */
        HOLDER_ANSWER,
        /**
         * Approved because the holder let first refusal go (declined, or let it lapse): a materially better revision
         * re-opens it.
         */
        HOLDER_LET_GO,
        /** The holder's window lapsed: a holder answer after it is late, and a clock records it only after its grace. */
        LAPSE,
        /** The offer's own validity ended while it was pending. */
        EXPIRY,
        /** The agreement itself ended first refusal for an offer pending at an instant (AGI declared, an amendment). */
        RELEASE,
        /**
         * A new offer's rule under which the agreement gives the holder no first refusal at all: a materially better
         * revision is decided by it rather than re-opening first refusal.
         */
        ENDS_FIRST_REFUSAL,
        /** Leaves the status as it stood (a non-material revision, a late notice): the decision before it stays the basis. */
        CARRIES_FORWARD,
        /** Applies only under an amendment's terms: the base agreement never decides by it. */
        AMENDMENT
    }

    private final String clause;
    private final Set<Trait> traits;

    Rule(String clause, Trait... traits) {
        this.clause = clause;
        this.traits = Set.of(traits);
    }

    /** The clause of the agreement this rule applies, in words. */
    public String clause() {
        return clause;
    }

    /** Whether this rule has {@code trait}. */
    public boolean is(Trait trait) {
        return traits.contains(trait);
    }
}
