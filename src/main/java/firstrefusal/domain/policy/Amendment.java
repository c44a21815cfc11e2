package firstrefusal.domain.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The terms an amendment changes; each empty one is kept as the version before has it. */
    public record Changes(Optional<Duration> firstRefusalWindow, Optional<LocalDate> termEnds, Optional<Instant> agiDeclaredAt,
            Optional<BigDecimal> priceDropPercent, Optional<BigDecimal> capacityIncreasePercent, Optional<Duration> clockGrace,
            Optional<Duration> clockSkew, Optional<Duration> noticeGrace, Optional<String> holderAccount,
            Optional<Boolean> firstRefusal, Optional<Set<String>> apiExemptCustomers, Map<String, Provider> providers,
            List<PreApproval> exceptions) {

        public Changes {
            providers = Map.copyOf(providers);
            exceptions = List.copyOf(exceptions);
        }

        /** No term changed. */
        public static Changes none() {
            return new Changes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Map.of(), List.of());
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
        changes.firstRefusalWindow().ifPresent(b::firstRefusalWindow);
        changes.termEnds().ifPresent(b::termEnds);
        changes.agiDeclaredAt().ifPresent(at -> b.agiDeclaredAt(Optional.of(at)));
        changes.priceDropPercent().ifPresent(b::priceDropPercent);
        changes.capacityIncreasePercent().ifPresent(b::capacityIncreasePercent);
        changes.clockGrace().ifPresent(b::clockGrace);
        changes.clockSkew().ifPresent(b::clockSkew);
        changes.noticeGrace().ifPresent(b::noticeGrace);
        changes.holderAccount().ifPresent(account -> b.holderAccount(Optional.of(account)));
        changes.firstRefusal().ifPresent(b::firstRefusal);
        changes.apiExemptCustomers().ifPresent(b::apiExemptCustomers);
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
        changes.firstRefusal().ifPresent(v -> d.put("first-refusal", v.toString()));
        if (pendingOffers == PendingOffers.RELEASE) {
            d.put("pending-offers", "release");
        }
        changes.apiExemptCustomers().ifPresent(v -> d.put("api-exempt-customers", String.join(",", new TreeSet<>(v))));
        changes.termEnds().ifPresent(v -> d.put("term-ends", v.toString()));
        changes.firstRefusalWindow().ifPresent(v -> d.put("first-refusal-window", v.toString()));
        changes.agiDeclaredAt().ifPresent(v -> d.put("agi-declared-at", v.toString()));
        changes.priceDropPercent().ifPresent(v -> d.put("material-change.price-drop-percent", v.toPlainString()));
        changes.capacityIncreasePercent().ifPresent(v -> d.put("material-change.capacity-increase-percent", v.toPlainString()));
        changes.clockGrace().ifPresent(v -> d.put("clock-grace", v.toString()));
        changes.clockSkew().ifPresent(v -> d.put("clock-skew", v.toString()));
        changes.noticeGrace().ifPresent(v -> d.put("notice-grace", v.toString()));
        changes.holderAccount().ifPresent(v -> d.put("holder-account", v));
        changes.providers().keySet().stream().sorted().forEach(id -> d.put("providers." + id, changes.providers().get(id).name()));
        changes.exceptions().forEach(e -> d.put("exceptions." + e.id(), e.provider() + ":" + String.join(",", new TreeSet<>(e.offerIds()))));
        return d;
    }
}
