package firstrefusal.domain.fold;

import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.PendingOfferRules;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Deployments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The releases deployed after some of an offer's log was recorded (src/docs/contract.md, "Configuration takes effect when
 * it is deployed"): a window still pending in the fold of what was recorded before the release was deployed (time applied
 * up to then, with no grace) is released as of the later of the release's instant and everything recorded before; a
 * window that what was recorded then had already decided keeps that decision.
 */
final class RetroReleases {

    private RetroReleases() {
    }

    /** The releases of each window, by the revision that opened it, that {@code fold}'s deployments make after the fact. */
    static Map<Integer, List<TimeEvents.Retro>> of(Fold fold, List<KeptItem> log, Map<Integer, Window> fixed) {
        Deployments deployments = fold.deployments();
        Map<Integer, List<TimeEvents.Retro>> retro = new HashMap<>();
        for (var t : deployments.releases()) {
            Instant deployed = t.deployedAt();
            if (!t.release().at().isBefore(t.removedAt())) {
                continue; // dropped before its instant came: nothing deployed after the fact to release (see below)
            }
            List<KeptItem> before = log.stream().filter(k -> k.recordedAt() == null || k.recordedAt().isBefore(deployed)).toList();
            if (!deployed.isAfter(Deployment.BEFORE_RECORDS) || before.isEmpty()) {
                continue;
            }
            Fold.Folded atDeployment = fold.beforeDeployment(deployed, before, fixed, Fold.noticesIn(log));
            if (atDeployment.window() == null || atDeployment.decision() == null || !atDeployment.decision().status().isOutstanding()) {
                continue;
            }
            Instant latest = before.stream().map(k -> k.item().effectiveAt()).max(Comparator.naturalOrder()).orElseThrow();
            Instant at = latest.isAfter(t.release().at()) ? latest : t.release().at();
            if (at.isBefore(t.removedAt())) {
                retro.computeIfAbsent(atDeployment.window().revision(), r -> new ArrayList<>())
                        .add(new TimeEvents.Retro(at, t.release(), deployed));
            }
        }
        keptAfterRemoval(fold, log, fixed, retro);
        return retro;
    }

    /**
     * A release that a later deployment dropped before the release's own instant came releases nothing after that
     * deployment. But what was recorded before it may already hold the release: a message dated past the instant, within
     * the clock skew, was folded through it under the deployment that carried it. That release stays on record, where
     * the fold of what was recorded before the drop put it, so nothing recorded is re-decided by the later deployment.
     */
    private static void keptAfterRemoval(Fold fold, List<KeptItem> log, Map<Integer, Window> fixed,
            Map<Integer, List<TimeEvents.Retro>> retro) {
        for (var t : fold.deployments().releases()) {
            Instant removed = t.removedAt();
            if (t.release().at().isBefore(removed) || removed.equals(Instant.MAX)) {
                continue;
            }
            List<KeptItem> before = log.stream().filter(k -> k.recordedAt() == null || k.recordedAt().isBefore(removed)).toList();
            // Only a message effective after the release's instant can have folded through it (time at one instant comes
            // after the messages there): without one, the drop changed nothing for this offer, and no second fold is run.
            if (before.stream().noneMatch(k -> k.item().effectiveAt().isAfter(t.release().at()))) {
                continue;
            }
            Fold.Folded atRemoval = fold.beforeDeployment(removed, before, fixed, Fold.noticesIn(log));
            atRemoval.steps().stream()
                    .filter(step -> step.decision().rule() == PendingOfferRules.releaseRule(t.release().kind()) && step.window() != null
                            && step.decision().policyVersion().equals(t.release().version())
                            && !step.decision().decidedAt().isBefore(t.release().at()))
                    .findFirst()
                    .ifPresent(step -> retro.computeIfAbsent(step.window().revision(), r -> new ArrayList<>())
                            .add(new TimeEvents.Retro(step.decision().decidedAt(), t.release(), t.deployedAt())));
        }
    }
}
