package firstrefusal.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which deployment judges what, and where the agreement's releases fall for one offer: SPEC §11 "Configuration takes
 * effect when it is deployed", as the project reads it. What was recorded under one deployment is never re-judged by
 * a later one, so a release that a deployment brings with an instant already past cannot undo what was recorded
 * before it: a MATCH, DECLINE, lapse or withdrawal recorded earlier keeps its effect.
 */
final class Releases {

    /**
     * A release placed at an instant of the fold, for the windows it applies to; a clock tick records it only from
     * {@code notBefore} on (§11: "by the first clock tick after the deployment"; a tick's time is its "now").
     */
    record Placed(String rule, Instant at, String version, Predicate<Window> applies, Instant notBefore, Instant own) {}

    private final List<Deployment> deployments;

    Releases(List<Deployment> deployments) {
        this.deployments = deployments;
    }

    /** The latest deployment at or before {@code at}; before the first, the first (so it judges those too). */
    int deploymentAt(Instant at) {
        int d = 0;
        for (int i = 0; i < deployments.size(); i++) if (!deployments.get(i).deployedAt().isAfter(at)) d = i;
        return d;
    }

    /**
     * The releases known to deployments 0..{@code upTo}, placed for one offer's kept messages. A release belongs to the
     * first deployment whose agreement has it; call its instant d.
     * <ul>
     * <li>A window opened by a message recorded under that deployment or later is released at the release's instant r
     *     if it opened before r (a window keeps its version, §12) and is still pending then; its own deployment must
     *     have the release too, so a deployment that dropped it does not release what it opened.</li>
     * <li>A window opened by a message recorded earlier is released only if it is still pending in the fold of the
     *     messages recorded before d, with time applied up to d in pure event time; then as of the later of r and the
     *     latest of those messages' instants (never before the window opened), and there it stays in every later fold.
     *     Messages recorded after d but effective before that instant still take effect.</li>
     * </ul>
     */
    List<Placed> placed(List<Kept> items, int upTo) {
        List<Placed> out = new ArrayList<>();
        for (int j = 0; j <= upTo; j++) {
            int owner = j;
            for (Agreement.Release r : deployments.get(j).agreement().releases()) {
                if (firstHolder(r) != owner) continue;
                // A release a later deployment no longer carries keeps what it released before, and releases nothing
                // after: at its instant the deployment in force has no such release.
                Instant removed = removedAt(r, owner, upTo);
                if (!r.at().isBefore(removed)) {
                    keptAfterDrop(r, removed, items).ifPresent(out::add);
                    continue;
                }
                out.add(new Placed(r.rule(), r.at(), r.version(), w -> w.deployment() >= owner
                        && w.openedAt().isBefore(r.at()) && deployments.get(w.deployment()).agreement().has(r), Instant.MIN, r.at()));
                List<Kept> earlier = items.stream().filter(k -> k.deployment() < owner).toList();
                if (earlier.isEmpty()) continue;
                Instant d = deployments.get(owner).deployedAt();
                Fold before = Fold.run(deployments, earlier, placed(earlier, owner - 1), d, null);
                if (!before.pending()) continue;
                int opener = before.window.revision();
                Instant p = earlier.stream().map(Kept::effective).reduce(r.at(), Fold::later);
                if (!p.isBefore(removed)) continue;
                out.add(new Placed(r.rule(), p, r.version(), w -> w.revision() == opener && w.deployment() < owner, d, r.at()));
            }
        }
        // at one instant, the release whose own instant came first (one deployed late is placed later than its own
        // instant, and may meet another there); at one own instant AGI before an amendment: whichever applies first ends
        // the window
        out.sort(Comparator.comparing(Placed::at).thenComparing(Placed::own).thenComparing(p -> !p.rule().equals("AGI_DECLARED")));
        return out;
    }

    /**
     * §11, "what was recorded stays": a release that a deployment dropped before its instant came stays where what was
     * recorded before the drop already holds it (a message dated past the instant, within the skew, recorded while the
     * release was deployed), for the window it ended there.
     */
    private Optional<Placed> keptAfterDrop(Agreement.Release r, Instant removed, List<Kept> items) {
        int dropper = deploymentAt(removed);
        List<Kept> earlier = items.stream().filter(k -> k.deployment() < dropper).toList();
        if (earlier.isEmpty()) return Optional.empty();
        Fold before = Fold.run(deployments, earlier, placed(earlier, dropper - 1), removed, null);
        return before.released.stream()
                .filter(x -> x.decision().rule().equals(r.rule()) && x.decision().policyVersion().equals(r.version()))
                .findFirst()
                .map(x -> new Placed(r.rule(), x.decision().decidedAt(), r.version(),
                        w -> w.revision() == x.window().revision(), Instant.MIN, r.at()));
    }

    /** When the first deployment after {@code owner} (up to {@code upTo}) that no longer carries {@code r} was deployed. */
    private Instant removedAt(Agreement.Release r, int owner, int upTo) {
        for (int i = owner + 1; i <= upTo; i++) {
            if (!deployments.get(i).agreement().has(r)) return deployments.get(i).deployedAt();
        }
        return Instant.MAX;
    }

    private int firstHolder(Agreement.Release r) {
        for (int i = 0; i < deployments.size(); i++) if (deployments.get(i).agreement().has(r)) return i;
        return -1;
    }
}
