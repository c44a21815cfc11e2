package firstrefusal.domain.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of the contract terms (src/docs/contract.md, "The policy"), as data, validated on construction so an
 * invalid policy can never reach a decision. A failure names the term as the contract writes it
 * ({@code first-refusal-window}); the configuration layer puts the key's prefix in front.
 *
 * @param clockSkew          how far a message's own instant may run ahead of its arrival
 * @param noticeGrace        a notice later than this after its window opened moves the deadline
 * @param lapseRequiresNotice nothing lapses an offer before its notice is recorded
 * @param firstRefusal       false once an amendment ended the holder's first refusal
 * @param apiExemptCustomers API customers whose offers may run on any cloud
 */
public record Policy(
        String version,
        String holder,
        LocalDate termEnds,
        Duration firstRefusalWindow,
        BigDecimal priceDropPercent,
        BigDecimal capacityIncreasePercent,
        Optional<Instant> agiDeclaredAt,
        Duration clockGrace,
        Duration clockSkew,
        Duration noticeGrace,
        boolean lapseRequiresNotice,
        boolean firstRefusal,
        Set<String> apiExemptCustomers,
        Map<String, Provider> providers,
        List<PreApproval> exceptions,
        Optional<String> holderAccount) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Policy {
        providers = Map.copyOf(providers);
        exceptions = List.copyOf(exceptions);
        apiExemptCustomers = Set.copyOf(apiExemptCustomers);
        require(version != null && !version.isBlank(), "version", "must not be blank");
        require(firstRefusalWindow != null && firstRefusalWindow.isPositive(), "first-refusal-window",
                "must be a positive duration, was " + firstRefusalWindow);
        require(clockGrace != null && !clockGrace.isNegative(), "clock-grace", "must not be negative, was " + clockGrace);
        require(clockSkew != null && !clockSkew.isNegative(), "clock-skew", "must not be negative, was " + clockSkew);
        require(noticeGrace != null && !noticeGrace.isNegative(), "notice-grace", "must not be negative, was " + noticeGrace);
        // A notice in time must reach the holder before the deadline it keeps.
        require(noticeGrace.compareTo(firstRefusalWindow) < 0, "notice-grace",
                "must be shorter than first-refusal-window (" + firstRefusalWindow + "), was " + noticeGrace);
        require(priceDropPercent != null && priceDropPercent.signum() > 0 && priceDropPercent.compareTo(HUNDRED) <= 0,
                "material-change.price-drop-percent", "must be above 0 and at most 100, was " + priceDropPercent);
        require(capacityIncreasePercent != null && capacityIncreasePercent.signum() > 0,
                "material-change.capacity-increase-percent", "must be above 0, was " + capacityIncreasePercent);
        require(termEnds != null, "term-ends", "must be a date");
        require(agiDeclaredAt != null, "agi-declared-at", "must be an instant or unset");
        require(!providers.isEmpty(), "providers", "must list at least the holder");
        Provider holderProvider = providers.get(holder);
        require(holderProvider != null, "holder", "'" + holder + "' is not one of providers " + providers.keySet());
        require(holderProvider.kind() == ProviderKind.HOLDER, "providers." + holder + ".kind",
                "must be HOLDER for the holder, was " + holderProvider.kind());
        providers.values().forEach(p -> require(p.kind() != ProviderKind.HOLDER || p.id().equals(holder),
                "providers." + p.id() + ".kind", "is HOLDER but holder is '" + holder + "'"));
        for (int i = 0; i < exceptions.size(); i++) {
            PreApproval e = exceptions.get(i);
            String term = "exceptions[" + i + "]";
            require(e.id() != null && !e.id().isBlank(), term + ".id", "must not be blank");
            require(providers.containsKey(e.provider()), term + ".provider", "'" + e.provider() + "' is not one of providers");
            require(!e.offerIds().isEmpty(), term + ".offer-ids", "must list at least one offer id");
        }
        require(holderAccount != null && holderAccount.map(a -> !a.isBlank()).orElse(true), "holder-account",
                "must name the holder's account or be unset");
    }

    /** A builder with the contract's defaults, for the terms the caller does not set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these terms, to change some of them (a draft, an amendment). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public boolean isHolder(String providerId) {
        return holder.equals(providerId);
    }

    public boolean isSelfBuild(String providerId) {
        return provider(providerId).map(p -> p.kind() == ProviderKind.SELF_BUILD).orElse(false);
    }

    /** Once AGI is declared, exclusivity and first refusal no longer apply. */
    public boolean agiDeclaredBy(Instant t) {
        return agiDeclaredAt.map(at -> !at.isAfter(t)).orElse(false);
    }

    /** The terms apply through {@code term-ends}, inclusive. */
    public boolean isAfterTerm(LocalDate startDate) {
        return startDate.isAfter(termEnds);
    }

    public boolean isPreApproved(String providerId, String offerId) {
        return exceptions.stream().anyMatch(e -> e.covers(providerId, offerId));
    }

    public Optional<PreApproval> preApprovalFor(String providerId, String offerId) {
        return exceptions.stream().filter(e -> e.covers(providerId, offerId)).findFirst();
    }

    public boolean isApiExempt(String customer) {
        return customer != null && apiExemptCustomers.contains(customer);
    }

    /**
     * A holder response that EventBridge delivered from {@code account} (which a sender cannot forge) is
     * the holder's own only when it came from the holder's account, if one is configured.
     */
    public boolean acceptsHolderResponseFrom(String account) {
        return holderAccount.map(a -> a.equals(account)).orElse(true);
    }

    public String holderName() {
        return provider(holder).map(Provider::name).orElse(holder);
    }

    private static void require(boolean condition, String term, String problem) {
        if (!condition) {
            throw new InvalidPolicyException(term, problem);
        }
    }

    /** Terms one at a time; {@link #build} validates them all. */
    public static final class Builder {
        private String version = "2025-01-21";
        private String holder = "azure";
        private LocalDate termEnds = LocalDate.parse("2030-12-31");
        private Duration firstRefusalWindow = Duration.ofDays(14);
        private BigDecimal priceDropPercent = BigDecimal.valueOf(5);
        private BigDecimal capacityIncreasePercent = BigDecimal.valueOf(10);
        private Optional<Instant> agiDeclaredAt = Optional.empty();
        private Duration clockGrace = Duration.ofMinutes(10);
        private Duration clockSkew = Duration.ofMinutes(5);
        private Duration noticeGrace = Duration.ofHours(1);
        private boolean lapseRequiresNotice = true;
        private boolean firstRefusal = true;
        private Set<String> apiExemptCustomers = Set.of();
        private Map<String, Provider> providers = Map.of();
        private List<PreApproval> exceptions = List.of();
        private Optional<String> holderAccount = Optional.empty();

        private Builder() {
        }

        private Builder(Policy p) {
            version = p.version;
            holder = p.holder;
            termEnds = p.termEnds;
            firstRefusalWindow = p.firstRefusalWindow;
            priceDropPercent = p.priceDropPercent;
            capacityIncreasePercent = p.capacityIncreasePercent;
            agiDeclaredAt = p.agiDeclaredAt;
            clockGrace = p.clockGrace;
            clockSkew = p.clockSkew;
            noticeGrace = p.noticeGrace;
            lapseRequiresNotice = p.lapseRequiresNotice;
            firstRefusal = p.firstRefusal;
            apiExemptCustomers = p.apiExemptCustomers;
            providers = p.providers;
            exceptions = p.exceptions;
            holderAccount = p.holderAccount;
        }

        public Builder version(String v) { version = v; return this; }
        public Builder holder(String v) { holder = v; return this; }
        public Builder termEnds(LocalDate v) { termEnds = v; return this; }
        public Builder firstRefusalWindow(Duration v) { firstRefusalWindow = v; return this; }
        public Builder priceDropPercent(BigDecimal v) { priceDropPercent = v; return this; }
        public Builder capacityIncreasePercent(BigDecimal v) { capacityIncreasePercent = v; return this; }
        public Builder agiDeclaredAt(Optional<Instant> v) { agiDeclaredAt = v; return this; }
        public Builder clockGrace(Duration v) { clockGrace = v; return this; }
        public Builder clockSkew(Duration v) { clockSkew = v; return this; }
        public Builder noticeGrace(Duration v) { noticeGrace = v; return this; }
        public Builder lapseRequiresNotice(boolean v) { lapseRequiresNotice = v; return this; }
        public Builder firstRefusal(boolean v) { firstRefusal = v; return this; }
        public Builder apiExemptCustomers(Set<String> v) { apiExemptCustomers = v; return this; }
        public Builder providers(Map<String, Provider> v) { providers = v; return this; }
        public Builder exceptions(List<PreApproval> v) { exceptions = v; return this; }
        public Builder holderAccount(Optional<String> v) { holderAccount = v; return this; }

        public Policy build() {
            return new Policy(version, holder, termEnds, firstRefusalWindow, priceDropPercent, capacityIncreasePercent,
                    agiDeclaredAt, clockGrace, clockSkew, noticeGrace, lapseRequiresNotice, firstRefusal, apiExemptCustomers,
                    providers, exceptions, holderAccount);
        }
    }
}
