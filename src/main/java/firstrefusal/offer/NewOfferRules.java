package firstrefusal.offer;

import static firstrefusal.offer.Rule.AGI_DECLARED;
import static firstrefusal.offer.Rule.API_EXCLUSIVE_TO_HOLDER;
import static firstrefusal.offer.Rule.APPROVED_EXCEPTION;
import static firstrefusal.offer.Rule.EXPIRED_ON_ARRIVAL;
import static firstrefusal.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.offer.Rule.HOLDER_CAPACITY;
import static firstrefusal.offer.Rule.OUTSIDE_CONTRACT_TERM;
import static firstrefusal.offer.Rule.SELF_BUILD_RESEARCH_TRAINING;
import static firstrefusal.offer.Status.APPROVED;
import static firstrefusal.offer.Status.EXPIRED;
import static firstrefusal.offer.Status.PENDING_FIRST_REFUSAL;
import static firstrefusal.offer.Status.REJECTED;

import firstrefusal.policy.Policy;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/** How a new offer is decided: the new-offer table of src/docs/contract.md, in order; the first rule that applies decides. */
public final class NewOfferRules {

    /** One row of the table: when it applies, the status it gives, and the reason it states. */
    public record NewOfferRule(Rule rule, Status status, BiPredicate<CapacityOffer, Policy> appliesTo,
            BiFunction<CapacityOffer, Policy, String> reason) {
    }

    private static final List<NewOfferRule> ALL = List.of(
            row(EXPIRED_ON_ARRIVAL, EXPIRED, (o, p) -> o.validUntil() != null && !o.validUntil().isAfter(o.receivedAt()),
                    (o, p) -> "Offer was valid until " + o.validUntil() + ", before it arrived at " + o.receivedAt()),
            row(HOLDER_CAPACITY, APPROVED, (o, p) -> p.isHolder(o.provider()),
                    (o, p) -> name(o, p) + " is the holder: its own capacity needs no first refusal"),
            row(AGI_DECLARED, APPROVED, (o, p) -> p.agiDeclaredBy(o.receivedAt()),
                    (o, p) -> "AGI was declared at " + p.agiDeclaredAt().orElseThrow() + ": exclusivity and first refusal no longer apply"),
            row(OUTSIDE_CONTRACT_TERM, APPROVED, (o, p) -> p.isAfterTerm(o.startDate()),
                    (o, p) -> "Capacity starts " + o.startDate() + ", after the terms end on " + p.termEnds()),
            row(API_EXCLUSIVE_TO_HOLDER, REJECTED, (o, p) -> o.workload() == Workload.API,
                    (o, p) -> "API workloads run only on the holder, " + holderName(p) + "; " + name(o, p) + " may not serve them"),
            row(SELF_BUILD_RESEARCH_TRAINING, APPROVED, (o, p) -> p.isSelfBuild(o.provider()) && isResearchOrTraining(o),
                    (o, p) -> "Self-built " + o.workload() + " capacity is approved by the holder: no first refusal needed"),
            row(APPROVED_EXCEPTION, APPROVED, (o, p) -> p.isPreApproved(o.provider(), o.offerId()),
                    (o, p) -> "Pre-approved by the holder under exception " + p.preApprovalFor(o.provider(), o.offerId()).orElseThrow().id()),
            row(FIRST_REFUSAL_REQUIRED, PENDING_FIRST_REFUSAL, (o, p) -> true,
                    (o, p) -> "New " + (p.isSelfBuild(o.provider()) ? "self-built" : "third-party")
                            + " capacity: the holder has first refusal until " + p.firstRefusalDeadline(o.receivedAt())));

    private NewOfferRules() {
    }

    /** All current rules, in the order they are tried. */
    public static List<NewOfferRule> all() {
        return ALL;
    }

    /** The first rule of the table that applies to the offer; the last one always does. */
    public static NewOfferRule firstApplying(CapacityOffer offer, Policy policy) {
        for (NewOfferRule row : ALL) {
            if (row.appliesTo().test(offer, policy)) {
                return row;
            }
        }
        throw new IllegalStateException("the last rule applies to every offer");
    }

    private static NewOfferRule row(Rule rule, Status status, BiPredicate<CapacityOffer, Policy> appliesTo,
            BiFunction<CapacityOffer, Policy, String> reason) {
        return new NewOfferRule(rule, status, appliesTo, reason);
    }

    private static boolean isResearchOrTraining(CapacityOffer o) {
        return o.workload() == Workload.TRAINING || o.workload() == Workload.RESEARCH;
    }

    private static String name(CapacityOffer o, Policy p) {
        return p.provider(o.provider()).orElseThrow().name();
    }

    private static String holderName(Policy p) {
        return p.provider(p.holder()).orElseThrow().name();
    }
}
