package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Rule.AGI_DECLARED;
import static firstrefusal.domain.offer.Rule.API_CUSTOMER_EXEMPT;
import static firstrefusal.domain.offer.Rule.API_EXCLUSIVE_TO_HOLDER;
import static firstrefusal.domain.offer.Rule.APPROVED_EXCEPTION;
import static firstrefusal.domain.offer.Rule.EXPIRED_ON_ARRIVAL;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.domain.offer.Rule.HOLDER_CAPACITY;
import static firstrefusal.domain.offer.Rule.NO_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Rule.OUTSIDE_CONTRACT_TERM;
import static firstrefusal.domain.offer.Rule.SELF_BUILD_RESEARCH_TRAINING;
import static firstrefusal.domain.offer.Status.APPROVED;
import static firstrefusal.domain.offer.Status.EXPIRED;
import static firstrefusal.domain.offer.Status.PENDING_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Status.REJECTED;

import firstrefusal.domain.policy.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** How a new offer is decided: the new-offer table of src/docs/contract.md, in order; the first rule that applies decides. */
public final class NewOfferRules {

    /**
     * An offer to decide: at its effective instant, under the version in force then, with AGI as the deployed
     * agreement declares it.
     */
    public record Offered(CapacityOffer offer, Instant at, Policy policy, Optional<Instant> agiDeclaredAt) {

        String providerName() {
            return policy.provider(offer.provider()).orElseThrow().name();
        }
    }

    /** One row of the table: when it applies, the status it gives, and the reason it states. */
    public record NewOfferRule(Rule rule, Status status, Predicate<Offered> appliesTo, Function<Offered, String> reason) {

        /** Its decision on {@code offered}, with the deadline of the window it opens (null when it opens none). */
        public Decision decide(Offered offered, Instant deadline) {
            return Decision.of(offered.offer(), status, rule, reason.apply(offered), deadline, offered.at(),
                    offered.policy().version());
        }
    }

    private static final List<NewOfferRule> ALL = List.of(
            row(EXPIRED_ON_ARRIVAL, EXPIRED, o -> o.offer().validUntil() != null && !o.offer().validUntil().isAfter(o.at()),
                    o -> "Offer was valid until " + o.offer().validUntil() + ", before it arrived at " + o.at()),
            row(HOLDER_CAPACITY, APPROVED, o -> o.policy().isHolder(o.offer().provider()),
                    o -> o.providerName() + " is the holder: its own capacity needs no first refusal"),
            row(AGI_DECLARED, APPROVED, o -> o.agiDeclaredAt().map(agi -> !agi.isAfter(o.at())).orElse(false),
                    o -> "AGI was declared at " + o.agiDeclaredAt().orElseThrow() + ": exclusivity and first refusal no longer apply"),
            row(OUTSIDE_CONTRACT_TERM, APPROVED, o -> o.policy().isAfterTerm(o.offer().startDate()),
                    o -> "Capacity starts " + o.offer().startDate() + ", after the terms end on " + o.policy().termEnds()),
            row(API_CUSTOMER_EXEMPT, APPROVED, o -> o.offer().workload() == Workload.API && o.policy().isApiExempt(o.offer().customer()),
                    o -> "API access for " + o.offer().customer() + " may run on any cloud under version " + o.policy().version()),
            row(API_EXCLUSIVE_TO_HOLDER, REJECTED, o -> o.offer().workload() == Workload.API,
                    o -> "API workloads run only on the holder, " + o.policy().holderName() + "; " + o.providerName() + " may not serve them"),
            row(SELF_BUILD_RESEARCH_TRAINING, APPROVED, o -> o.policy().isSelfBuild(o.offer().provider()) && isResearchOrTraining(o.offer()),
                    o -> "Self-built " + o.offer().workload() + " capacity is approved by the holder: no first refusal needed"),
            row(APPROVED_EXCEPTION, APPROVED, o -> o.policy().isPreApproved(o.offer().provider(), o.offer().offerId()),
                    o -> "Pre-approved by the holder under exception "
                            + o.policy().preApprovalFor(o.offer().provider(), o.offer().offerId()).orElseThrow().id()),
            row(NO_FIRST_REFUSAL, APPROVED, o -> !o.policy().firstRefusal(),
                    o -> "Under version " + o.policy().version() + " the holder has no first refusal: the offer may be taken"),
            row(FIRST_REFUSAL_REQUIRED, PENDING_FIRST_REFUSAL, o -> true,
                    o -> "New " + (o.policy().isSelfBuild(o.offer().provider()) ? "self-built" : "third-party")
                            + " capacity: the holder has first refusal until " + o.at().plus(o.policy().firstRefusalWindow())));

    private NewOfferRules() {
    }

    /** The rules in the order they are tried (package-private: the table's own test holds the order). */
    static List<NewOfferRule> all() {
        return ALL;
    }

    /** The first rule of the table that applies to the offer; the last one always does. */
    public static NewOfferRule firstApplying(Offered offered) {
        for (NewOfferRule row : ALL) {
            if (row.appliesTo().test(offered)) {
                return row;
            }
        }
        throw new IllegalStateException("the last rule applies to every offer");
    }

    /**
     * The first row that applies of those under which the agreement gives the holder no first refusal at all
     * ({@link Rule.Trait#ENDS_FIRST_REFUSAL}), if one does: a materially better revision is decided by it, whatever
     * other row would apply to it as a new offer.
     */
    public static Optional<NewOfferRule> endingFirstRefusal(Offered offered) {
        return ALL.stream().filter(row -> row.rule().is(Rule.Trait.ENDS_FIRST_REFUSAL))
                .filter(row -> row.appliesTo().test(offered)).findFirst();
    }

    private static NewOfferRule row(Rule rule, Status status, Predicate<Offered> appliesTo, Function<Offered, String> reason) {
        return new NewOfferRule(rule, status, appliesTo, reason);
    }

    private static boolean isResearchOrTraining(CapacityOffer o) {
        return o.workload() == Workload.TRAINING || o.workload() == Workload.RESEARCH;
    }
}
