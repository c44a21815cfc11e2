package firstrefusal.domain.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The agreement over time: the base policy and the amendments after it, each in force from its instant
 * (src/docs/contract.md, "The agreement over time"): a dated list of policies, and a function from an instant to the
 * policy in force. A message is judged under the version in force at its effective instant; {@link #releases} are the
 * instants at which the agreement itself ends pending offers.
 */
public record Agreement(List<Version> versions) {

    /** One version of the terms: the base has no amendment; an amendment's version is in force from its instant, inclusive. */
    public record Version(Policy policy, Optional<Amendment> amendment) {

        public String name() {
            return policy.version();
        }

        public Optional<Instant> effectiveFrom() {
            return amendment.map(Amendment::effectiveFrom);
        }
    }

    /** What ends pending offers at an instant: the AGI declaration, or an amendment that releases them. */
    public enum ReleaseKind { AGI_DECLARED, AMENDMENT }

    /** @param version the version in force at the release, which the decision names */
    public record Release(Instant at, ReleaseKind kind, String version) {
    }

    public Agreement {
        versions = List.copyOf(versions);
        if (versions.isEmpty() || versions.getFirst().amendment().isPresent()) {
            throw new IllegalArgumentException("an agreement starts with its base version");
        }
    }

    /** An agreement that was never amended. */
    public static Agreement of(Policy base) {
        return new Agreement(List.of(new Version(base, Optional.empty())));
    }

    /**
     * The base and its amendments, which must come in order of their instants, strictly increasing, with versions no
     * other uses. Each version is the one before with its changes.
     *
     * @throws InvalidPolicyException naming the term, and the amendment at fault
     */
    public static Agreement of(Policy base, List<Amendment> amendments) {
        return build(base, amendments, UnaryOperator.identity());
    }

    private static Agreement build(Policy base, List<Amendment> amendments, UnaryOperator<Policy> draft) {
        List<Version> versions = new ArrayList<>(List.of(new Version(draft.apply(base), Optional.empty())));
        Set<String> names = new HashSet<>(Set.of(base.version()));
        for (Amendment a : amendments) {
            if (!names.add(a.version())) {
                throw new InvalidPolicyException("version", "'" + a.version() + "' is the name of another version").in(a);
            }
            Optional<Instant> previous = versions.getLast().effectiveFrom();
            if (previous.isPresent() && !a.effectiveFrom().isAfter(previous.get())) {
                throw new InvalidPolicyException("effective-from", "must be after the amendment before it ("
                        + versions.getLast().name() + ", " + previous.get() + "), was " + a.effectiveFrom()).in(a);
            }
            try {
                versions.add(new Version(draft.apply(a.applyTo(versions.getLast().policy())), Optional.of(a)));
            } catch (InvalidPolicyException e) {
                throw e.in(a);
            }
        }
        return new Agreement(versions);
    }

    /**
     * This agreement as a draft: {@code override} applied to the base and to every version after it, and {@code extra}
     * (if given) taking its place among the amendments by its instant, replacing one of the same version.
     */
    public Agreement draft(UnaryOperator<Policy> override, Optional<Amendment> extra) {
        List<Amendment> amendments = new ArrayList<>(amendments());
        extra.ifPresent(e -> {
            amendments.removeIf(a -> a.version().equals(e.version()));
            amendments.add(e);
            amendments.sort(Comparator.comparing(Amendment::effectiveFrom));
        });
        return build(base(), amendments, override);
    }

    public Policy base() {
        return versions.getFirst().policy();
    }

    /** The version deployed last: the terms as configuration has them now. */
    public Policy latest() {
        return versions.getLast().policy();
    }

    public List<Amendment> amendments() {
        return versions.stream().flatMap(v -> v.amendment().stream()).toList();
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

    /** Every commitment of every version, in the order of the versions. */
    public List<Commitment> commitments() {
        return amendments().stream().flatMap(a -> a.commitments().stream()).toList();
    }

    /**
     * The instants at which the agreement ends pending offers, earliest first: AGI as the deployed terms declare it,
     * and every amendment that releases pending offers. An offer pending at such an instant is decided as of it, named
     * by the version that made the release: the amendment, or for AGI the version that declared it (the earliest from
     * which the declaration stands unchanged).
     */
    public List<Release> releases() {
        List<Release> releases = new ArrayList<>();
        agiDeclaredAt().ifPresent(at -> {
            int declaredBy = versions.size() - 1;
            while (declaredBy > 0 && versions.get(declaredBy - 1).policy().agiDeclaredAt().equals(Optional.of(at))) {
                declaredBy--;
            }
            releases.add(new Release(at, ReleaseKind.AGI_DECLARED, versions.get(declaredBy).name()));
        });
        for (Amendment a : amendments()) {
            if (a.pendingOffers() == Amendment.PendingOffers.RELEASE) {
                releases.add(new Release(a.effectiveFrom(), ReleaseKind.AMENDMENT, a.version()));
            }
        }
        releases.sort(Comparator.comparing(Release::at));
        return List.copyOf(releases);
    }

    /** AGI as the deployed terms declare it: new offers from then on need no first refusal. */
    public Optional<Instant> agiDeclaredAt() {
        return latest().agiDeclaredAt();
    }
}
