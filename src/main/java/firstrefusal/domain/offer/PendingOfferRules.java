package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Rule.AGI_DECLARED;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.domain.offer.Rule.HOLDER_DECLINED;
import static firstrefusal.domain.offer.Rule.HOLDER_MATCHED;
import static firstrefusal.domain.offer.Rule.MATERIAL_CHANGE;
import static firstrefusal.domain.offer.Rule.NON_MATERIAL_REVISION;
import static firstrefusal.domain.offer.Rule.NOTICE_LATE;
import static firstrefusal.domain.offer.Rule.OFFER_EXPIRED;
import static firstrefusal.domain.offer.Rule.OFFER_WITHDRAWN;
import static firstrefusal.domain.offer.Rule.RELEASED_BY_AMENDMENT;

import firstrefusal.domain.Words;
import firstrefusal.domain.policy.Agreement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What happens to an offer once first refusal is open (src/docs/contract.md, "Decisions"): one method per rule, each
 * returning the decision it makes. Every decision inside a window carries the version the window opened under.
 * When each applies is the fold (firstrefusal.domain.fold.Fold)'s business: these only say what it decides.
 */
public final class PendingOfferRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PendingOfferRules() {
    }

    /** Holder {@code MATCH} in time: the holder takes the capacity, on the terms of the revision that opened the window. */
    public static Decision holderMatched(CapacityOffer bound, Window window, Instant at) {
        return inWindow(bound, window, Status.MATCHED_BY_HOLDER, HOLDER_MATCHED, at,
                "The holder matched revision " + bound.revision() + " at " + at + ", within its window");
    }

    /** Holder {@code DECLINE} in time: the buyer may go to the third party. */
    public static Decision holderDeclined(CapacityOffer current, Window window, Instant at) {
        return inWindow(current, window, Status.APPROVED, HOLDER_DECLINED, at,
                "The holder declined at " + at + ": the offer may be taken");
    }

    /** The offer's own {@code validUntil} passed before anything else decided it. */
    public static Decision offerExpired(CapacityOffer current, Window window, Instant at) {
        return inWindow(current, window, Status.EXPIRED, OFFER_EXPIRED, at,
                "The offer expired at " + at + " before first refusal was settled");
    }

    /** The deadline passed without an answer: approved, as of the deadline. */
    public static Decision firstRefusalLapsed(CapacityOffer current, Window window) {
        Instant deadline = window.currentDeadline();
        return inWindow(current, window, Status.APPROVED, FIRST_REFUSAL_LAPSED, deadline,
                "The holder did not answer by " + deadline + ": first refusal lapsed and the offer may be taken");
    }

    /** The agreement itself ended first refusal for offers pending at {@code at}: AGI declared, or an amendment. */
    /** The rule a release of this kind decides by. */
    public static Rule releaseRule(Agreement.ReleaseKind kind) {
        return switch (kind) {
            case AGI_DECLARED -> AGI_DECLARED;
            case AMENDMENT -> RELEASED_BY_AMENDMENT;
        };
    }

    public static Decision released(CapacityOffer current, Window window, Agreement.ReleaseKind kind, Instant at, String version) {
        Rule rule = releaseRule(kind);
        String why = rule == AGI_DECLARED ? "AGI was declared at " + at : "Version " + version + " took effect at " + at;
        return Decision.of(current, Status.APPROVED, rule, why + ": first refusal ended while the offer was pending, and it may be taken",
                window.currentDeadline(), at, version);
    }

    /** The holder was told late: the deadline moves to the notice plus the window. */
    public static Decision noticeLate(CapacityOffer current, Window window) {
        Instant told = window.noticedAt().orElseThrow();
        return inWindow(current, window, Status.PENDING_FIRST_REFUSAL, NOTICE_LATE, told,
                "The holder was told at " + told + ", more than " + Words.duration(window.noticeGrace()) + " after the window opened at "
                        + window.openedAt() + ": first refusal now runs until " + window.currentDeadline());
    }

    /** The provider withdrew a pending or approved offer. */
    public static Decision offerWithdrawn(CapacityOffer current, Decision standing, Instant at, String version) {
        return Decision.of(current, Status.WITHDRAWN, OFFER_WITHDRAWN, "The provider withdrew the offer at " + at,
                standing.firstRefusalDeadline(), at, version);
    }

    /** A revision that re-opens first refusal: a fresh window, already opened by the caller. */
    public static Decision materialChange(CapacityOffer revision, Window seen, Window opened) {
        return Decision.of(revision, Status.PENDING_FIRST_REFUSAL, MATERIAL_CHANGE,
                "Revision " + revision.revision() + " changes the terms materially (" + change(seen.terms(), revision)
                        + "): the holder has first refusal again until " + opened.deadline(),
                opened.deadline(), opened.openedAt(), opened.policyVersion());
    }

    /** A revision that is not a material change: the decision stands. */
    public static Decision nonMaterialRevision(CapacityOffer revision, Window seen, Decision standing, Instant at, String version) {
        return Decision.of(revision, standing.status(), NON_MATERIAL_REVISION,
                "Revision " + revision.revision() + " is not a material change (" + change(seen.terms(), revision) + "): "
                        + standing.status() + " stands",
                standing.firstRefusalDeadline(), at, version);
    }

    /**
     * Materially better terms than the window was opened on, by that window's thresholds: compared exactly, without
     * the rounding of the percentages a reason shows.
     */
    public static boolean isMaterial(Window seen, CapacityOffer revision) {
        Terms terms = seen.terms();
        return atLeastPercent(terms.pricePerGpuHourUsd().subtract(revision.pricePerGpuHourUsd()), seen.priceDropPercent(),
                terms.pricePerGpuHourUsd())
                || atLeastPercent(BigDecimal.valueOf(revision.gpus() - terms.gpus()), seen.capacityIncreasePercent(),
                        BigDecimal.valueOf(terms.gpus()));
    }

    private static Decision inWindow(CapacityOffer offer, Window window, Status status, Rule rule, Instant at, String reason) {
        Instant deadline = window.currentDeadline();
        return Decision.of(offer, status, rule, reason, deadline, at, window.policyVersion());
    }

    private static String change(Terms seen, CapacityOffer revision) {
        BigDecimal priceDrop = percent(seen.pricePerGpuHourUsd().subtract(revision.pricePerGpuHourUsd()), seen.pricePerGpuHourUsd());
        BigDecimal gpuIncrease = percent(BigDecimal.valueOf(revision.gpus() - seen.gpus()), BigDecimal.valueOf(seen.gpus()));
        return "price " + signed(priceDrop.negate()) + "%, GPUs " + signed(gpuIncrease) + "% against the terms the holder saw";
    }

    /** part / whole >= percent / 100, without division. */
    private static boolean atLeastPercent(BigDecimal part, BigDecimal percent, BigDecimal whole) {
        return part.multiply(HUNDRED).compareTo(percent.multiply(whole)) >= 0;
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_EVEN);
    }

    private static String signed(BigDecimal value) {
        return (value.signum() >= 0 ? "+" : "") + value.stripTrailingZeros().toPlainString();
    }
}
