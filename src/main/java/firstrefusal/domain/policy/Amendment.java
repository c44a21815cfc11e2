package firstrefusal.domain.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dated change to the agreement (src/docs/contract.md, "The agreement over time"): in force from
 * {@code effectiveFrom}, inclusive, it changes the terms it names and keeps the rest of the version before it.
 * The holder cannot change. Errors name the term as the contract writes it ({@code effective-from},
 * {@code commitments[0].amount-usd}); the configuration layer puts the amendment's key in front.
 *
 * @param pendingOffers what becomes of offers pending when it takes effect: they finish under the window they
 *                      opened in, or the amendment releases them
 * @param commitments   capacity the buyer committed to buy from a provider under this version
 */
public record Amendment(String version, Instant effectiveFrom, Changes changes, PendingOffers pendingOffers,
        List<Commitment> commitments) {

    public enum PendingOffers {
        KEEP, RELEASE;

        /** {@code keep} or {@code release}, as the configuration writes it. */
        public static PendingOffers parse(String text) {
            for (PendingOffers value : values()) {
                if (value.name().equalsIgnoreCase(text.trim())) {
                    return value;
                }
            }
            throw new InvalidPolicyException("pending-offers", "must be keep or release, was '" + text + "'");
        }
    }

    /**
     * What an amendment changes: some {@link Terms terms} (each one it leaves out is kept as the version before has it),
     * and the providers and exceptions it adds.
     */
    public record Changes(Map<Term<?>, Object> terms, Map<String, Provider> providers, List<PreApproval> exceptions) {

        public Changes {
            terms = Map.copyOf(terms);
            providers = Map.copyOf(providers);
            exceptions = List.copyOf(exceptions);
            terms.keySet().stream().filter(t -> !t.amendable()).findFirst().ifPresent(t -> {
                throw new InvalidPolicyException(t.name(), "is not a term an amendment may change");
            });
        }

        /** No term changed. */
        public static Changes none() {
            return new Changes(Map.of(), Map.of(), List.of());
        }

        /** These changes, with {@code term} changed to {@code value}. */
        public <V> Changes with(Term<V> term, V value) {
            Map<Term<?>, Object> changed = new HashMap<>(terms);
            changed.put(term, value instanceof Set<?> names ? Set.copyOf(names) : value);
            return new Changes(changed, providers, exceptions);
        }

        /** These changes, with {@code term} changed when a value is given. */
        public <V> Changes with(Term<V> term, Optional<V> value) {
            return value.map(v -> with(term, v)).orElse(this);
        }

        public Changes withProviders(Map<String, Provider> added) {
            return new Changes(terms, added, exceptions);
        }

        public Changes withExceptions(List<PreApproval> added) {
            return new Changes(terms, providers, added);
        }

        public <V> Optional<V> get(Term<V> term) {
            return Optional.ofNullable(term.cast(terms.get(term)));
        }

        /** The terms changed, with their new values, in the order terms are read. */
        public List<Term.Value<?>> values() {
            return Terms.valued(terms);
        }
    }

    public Amendment {
        commitments = List.copyOf(commitments);
        if (version == null || version.isBlank()) {
            throw new InvalidPolicyException("version", "must not be blank");
        }
        if (effectiveFrom == null) {
            throw new InvalidPolicyException("effective-from", "must be an instant such as 2025-10-28T00:00:00Z");
        }
    }

    /** The same amendment, in force from another instant (a what-if). */
    public Amendment at(Instant from) {
        List<Commitment> moved = commitments.stream()
                .map(c -> c.from().equals(effectiveFrom) ? new Commitment(c.version(), c.provider(), c.amountUsd(), from, c.to()) : c)
                .toList();
        return new Amendment(version, from, changes, pendingOffers, moved);
    }

    /** The terms in force from {@code effectiveFrom}: the version before, with these changes. */
    public Policy applyTo(Policy before) {
        Policy.Builder b = before.toBuilder().version(version);
        changes.values().forEach(change -> change.setIn(b));
        Map<String, Provider> providers = new HashMap<>(before.providers());
        providers.putAll(changes.providers());
        b.providers(providers);
        // An exception with an id already listed replaces it; each added one is checked where the amendment lists it.
        List<PreApproval> exceptions = new ArrayList<>(before.exceptions());
        for (int j = 0; j < changes.exceptions().size(); j++) {
            PreApproval added = changes.exceptions().get(j);
            if (!providers.containsKey(added.provider())) {
                throw new InvalidPolicyException("exceptions[" + j + "].provider", "'" + added.provider()
                        + "' is not one of the providers " + providers.keySet().stream().sorted().toList());
            }
            exceptions.removeIf(e -> e.id().equals(added.id()));
            exceptions.add(added);
        }
        b.exceptions(exceptions);
        Policy policy = b.build();
        for (int j = 0; j < commitments.size(); j++) {
            commitments.get(j).validate(policy, "commitments[" + j + "]");
        }
        return policy;
    }

    /** What it changes, term by term, as the contract names the terms and writes the values: for the agreement page. */
    public Map<String, String> described() {
        Map<String, String> d = new LinkedHashMap<>();
        changes.values().forEach(v -> d.put(v.term().name(), v.text()));
        if (pendingOffers == PendingOffers.RELEASE) {
            d.put("pending-offers", "release");
        }
        changes.providers().keySet().stream().sorted().forEach(id -> d.put("providers." + id, changes.providers().get(id).name()));
        changes.exceptions().forEach(e -> d.put("exceptions." + e.id(), e.provider() + ":" + String.join(",", new TreeSet<>(e.offerIds()))));
        return d;
    }
}
