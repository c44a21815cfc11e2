package firstrefusal.domain.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every agreement deployed so far, in the order they were deployed, and the one this process runs under
 * (src/docs/contract.md, "Configuration takes effect when it is deployed"). What the product recorded under one
 * deployment stays what it was under every later one: a kept message is judged under the deployment in force when it
 * was recorded, and what the agreement itself ends (AGI, a releasing amendment) takes effect from the deployment that
 * first carried it. The first deployment on record also stands for whatever was recorded before deployments were.
 */
public final class Deployments {

    /**
     * A release by the agreement, with the span of deployments that carried it.
     *
     * @param deployedAt the first deployment that carried it ({@link Deployment#BEFORE_RECORDS} for the first on record)
     * @param removedAt  the first later deployment that no longer carries it, or {@link Instant#MAX}
     */
    public record TimedRelease(Agreement.Release release, Instant deployedAt, Instant removedAt) {

        /** Whether a window the product judged at {@code judgedAt} opened before this release was deployed. */
        public boolean isLaterThan(Instant judgedAt) {
            return judgedAt == null ? deployedAt.isAfter(Deployment.BEFORE_RECORDS) : judgedAt.isBefore(deployedAt);
        }
    }

    private final List<Deployment> onRecord;
    private final Deployment current;

    /**
     * @param onRecord every deployment recorded, this process's own among them
     * @param current  the deployment this process runs under
     */
    public Deployments(List<Deployment> onRecord, Deployment current) {
        List<Deployment> sorted = new ArrayList<>(onRecord);
        if (sorted.stream().noneMatch(d -> d.id().equals(current.id()))) {
            sorted.add(current);
        }
        sorted.sort(Comparator.comparing(Deployment::deployedAt));
        this.onRecord = List.copyOf(sorted);
        this.current = current;
    }

    /** One agreement, deployed before anything was recorded: tests, benchmarks and what-if drafts. */
    public static Deployments only(Agreement agreement) {
        Deployment only = new Deployment("", Deployment.BEFORE_RECORDS, agreement);
        return new Deployments(List.of(only), only);
    }

    public List<Deployment> onRecord() {
        return onRecord;
    }

    /** The agreement this process runs under: every new message is judged under it. */
    public Agreement current() {
        return current.agreement();
    }

    public Deployment currentDeployment() {
        return current;
    }

    /**
     * The agreement a message recorded at {@code recordedAt} was judged under: the last deployed at or before it. Whatever
     * was recorded before the first deployment on record (or without a recording instant) belongs to the first.
     */
    public Agreement judging(Instant recordedAt) {
        Deployment inForce = onRecord.getFirst();
        for (Deployment d : onRecord) {
            if (recordedAt != null && !effectiveFrom(d).isAfter(recordedAt)) {
                inForce = d;
            }
        }
        return inForce.agreement();
    }

    /** The deployments made before {@code instant}: what the product knew then. Empty when none was. */
    public Optional<Deployments> before(Instant instant) {
        List<Deployment> earlier = onRecord.stream().filter(d -> effectiveFrom(d).isBefore(instant)).toList();
        return earlier.isEmpty() ? Optional.empty() : Optional.of(new Deployments(earlier, earlier.getLast()));
    }

    /**
     * Every release any deployment carried, each with the deployments that carried it: the first one on record counts as
     * deployed before anything was recorded, so the record kept before deployments were is judged as it always was.
     */
    public List<TimedRelease> releases() {
        List<TimedRelease> releases = new ArrayList<>();
        for (int i = 0; i < onRecord.size(); i++) {
            for (Agreement.Release r : onRecord.get(i).agreement().releases()) {
                if (releases.stream().anyMatch(t -> t.release().equals(r))) {
                    continue;
                }
                Instant removedAt = Instant.MAX;
                for (int j = i + 1; j < onRecord.size(); j++) {
                    if (!onRecord.get(j).agreement().releases().contains(r)) {
                        removedAt = onRecord.get(j).deployedAt();
                        break;
                    }
                }
                releases.add(new TimedRelease(r, effectiveFrom(onRecord.get(i)), removedAt));
            }
        }
        releases.sort(Comparator.comparing(t -> t.release().at()));
        return List.copyOf(releases);
    }

    /**
     * A draft of every deployment's agreement: {@code override} applied to every version, {@code extra} added among the
     * amendments of each. The draft's own amendment is known from the first deployment on, so it takes effect as if it
     * had always been deployed.
     */
    public Deployments draft(UnaryOperator<Policy> override, Optional<Amendment> extra) {
        List<Deployment> drafted = onRecord.stream()
                .map(d -> new Deployment(d.id(), d.deployedAt(), d.agreement().draft(override, extra))).toList();
        Deployment draftedCurrent = drafted.stream().filter(d -> d.id().equals(current.id())).findFirst().orElseThrow();
        return new Deployments(drafted, draftedCurrent);
    }

    private Instant effectiveFrom(Deployment d) {
        return d == onRecord.getFirst() ? Deployment.BEFORE_RECORDS : d.deployedAt();
    }
}
