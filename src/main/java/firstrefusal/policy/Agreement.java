package firstrefusal.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agreement over time: the base policy and the amendments after it, each in force from its instant
 * (src/docs/contract.md, "The agreement over time"). A message is judged under the version in force at its effective
 * instant; {@link #releases} are the instants at which the agreement itself ends pending offers.
 */
public record Agreement(List<Version> versions) {

    /** One version of the terms: the base has no {@code effectiveFrom}; an amendment is in force from it, inclusive. */
    public record Version(Optional<Instant> effectiveFrom, Policy policy, boolean releasesPending) {

        public String name() {
            return policy.version();
        }
    }

    /** What ends pending offers at an instant: the AGI declaration, or an amendment that releases them. */
    public enum ReleaseKind { AGI_DECLARED, AMENDMENT }

    /** @param version the version in force at the release, which the decision names */
    public record Release(Instant at, ReleaseKind kind, String version) {
    }

    public Agreement {
        versions = List.copyOf(versions);
        if (versions.isEmpty() || versions.getFirst().effectiveFrom().isPresent()) {
            throw new IllegalArgumentException("an agreement starts with its base version");
        }
    }

    /** An agreement that was never amended. */
    public static Agreement of(Policy base) {
        return new Agreement(List.of(new Version(Optional.empty(), base, false)));
    }

    public Policy base() {
        return versions.getFirst().policy();
    }

    /** The version deployed last: the terms as configuration has them now. */
    public Policy latest() {
        return versions.getLast().policy();
    }

    /** The terms in force at {@code t}: the last version whose effective instant is at or before it. */
    public Policy policyAt(Instant t) {
        return versionAt(t).policy();
    }

    public Version versionAt(Instant t) {
        Version inForce = versions.getFirst();
        for (Version v : versions) {
            if (v.effectiveFrom().map(from -> !from.isAfter(t)).orElse(true)) {
                inForce = v;
            }
        }
        return inForce;
    }

    /**
     * The instants at which the agreement ends pending offers, earliest first: AGI as the deployed terms declare it,
     * and every amendment that releases pending offers. An offer pending at such an instant is decided as of it.
     */
    public List<Release> releases() {
        List<Release> releases = new ArrayList<>();
        latest().agiDeclaredAt().ifPresent(at -> releases.add(new Release(at, ReleaseKind.AGI_DECLARED, policyAt(at).version())));
        for (Version v : versions) {
            if (v.releasesPending()) {
                Instant at = v.effectiveFrom().orElseThrow();
                releases.add(new Release(at, ReleaseKind.AMENDMENT, v.name()));
            }
        }
        releases.sort(java.util.Comparator.comparing(Release::at));
        return List.copyOf(releases);
    }

    /** AGI as the deployed terms declare it: new offers from then on need no first refusal. */
    public Optional<Instant> agiDeclaredAt() {
        return latest().agiDeclaredAt();
    }
}
