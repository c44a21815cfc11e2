package firstrefusal.domain.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One version of the contract terms (src/docs/contract.md, "The policy"), as data, validated on construction so an
 * invalid policy can never reach a decision: its version and holder, a value of each {@link Terms term}, the providers
 * and the pre-approved exceptions. A failure names the term as the contract writes it ({@code first-refusal-window});
 * the configuration layer puts the key's prefix in front. The rules read a term by its accessor here, or by
 * {@link #get}.
 */
public final class Policy {

    private final String version;
    private final String holder;
    private final Map<Term<?>, Object> terms;
    private final Map<String, Provider> providers;
    private final List<PreApproval> exceptions;

    private Policy(Builder b) {
        version = b.version;
        holder = b.holder;
        terms = Map.copyOf(b.terms);
        providers = Map.copyOf(b.providers);
        exceptions = List.copyOf(b.exceptions);
        require(version != null && !version.isBlank(), "version", "must not be blank");
        Terms.all().forEach(t -> t.validate(terms.get(t)));
        // A notice in time must reach the holder before the deadline it keeps.
        require(noticeGrace().compareTo(firstRefusalWindow()) < 0, Terms.NOTICE_GRACE.name(), "must be shorter than "
                + Terms.FIRST_REFUSAL_WINDOW.name() + " (" + firstRefusalWindow() + "), was " + noticeGrace());
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
    }

    /** A builder with the contract's defaults, for the terms the caller does not set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these terms, to change some of them (a draft, an amendment). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The value of a term every version has ({@link Term#fallback}); for one that may be unset, {@link #find}. */
    public <V> V get(Term<V> term) {
        return find(term).orElseThrow(() -> new IllegalArgumentException(term + " is unset"));
    }

    public <V> Optional<V> find(Term<V> term) {
        return Optional.ofNullable(term.cast(terms.get(term)));
    }

    /** Every term this version sets, with its value, in the order terms are read. */
    public List<Term.Value<?>> values() {
        return Terms.valued(terms);
    }

    public String version() { return version; }
    public String holder() { return holder; }
    public Map<String, Provider> providers() { return providers; }
    public List<PreApproval> exceptions() { return exceptions; }
    public LocalDate termEnds() { return get(Terms.TERM_ENDS); }
    public Duration firstRefusalWindow() { return get(Terms.FIRST_REFUSAL_WINDOW); }
    public BigDecimal priceDropPercent() { return get(Terms.PRICE_DROP_PERCENT); }
    public BigDecimal capacityIncreasePercent() { return get(Terms.CAPACITY_INCREASE_PERCENT); }
    public Optional<Instant> agiDeclaredAt() { return find(Terms.AGI_DECLARED_AT); }
    public Duration clockGrace() { return get(Terms.CLOCK_GRACE); }
    public Duration clockSkew() { return get(Terms.CLOCK_SKEW); }
    public Duration noticeGrace() { return get(Terms.NOTICE_GRACE); }
    public boolean lapseRequiresNotice() { return get(Terms.LAPSE_REQUIRES_NOTICE); }
    public boolean firstRefusal() { return get(Terms.FIRST_REFUSAL); }
    public Set<String> apiExemptCustomers() { return get(Terms.API_EXEMPT_CUSTOMERS); }
    public Optional<String> holderAccount() { return find(Terms.HOLDER_ACCOUNT); }

    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public boolean isHolder(String providerId) {
        return holder.equals(providerId);
    }

    public boolean isSelfBuild(String providerId) {
        return provider(providerId).map(p -> p.kind() == ProviderKind.SELF_BUILD).orElse(false);
    }

    /** The terms apply through {@code term-ends}, inclusive. */
    public boolean isAfterTerm(LocalDate startDate) {
        return startDate.isAfter(termEnds());
    }

    public boolean isPreApproved(String providerId, String offerId) {
        return exceptions.stream().anyMatch(e -> e.covers(providerId, offerId));
    }

    public Optional<PreApproval> preApprovalFor(String providerId, String offerId) {
        return exceptions.stream().filter(e -> e.covers(providerId, offerId)).findFirst();
    }

    public boolean isApiExempt(String customer) {
        return customer != null && apiExemptCustomers().contains(customer);
    }

    /**
     * A holder response that EventBridge delivered from {@code account} (which a sender cannot forge) is
     * the holder's own only when it came from the holder's account, if one is configured.
     */
    public boolean acceptsHolderResponseFrom(String account) {
        return holderAccount().map(a -> a.equals(account)).orElse(true);
    }

    public String holderName() {
        return provider(holder).map(Provider::name).orElse(holder);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy p && version.equals(p.version) && holder.equals(p.holder) && terms.equals(p.terms)
                && providers.equals(p.providers) && exceptions.equals(p.exceptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, holder, terms, providers, exceptions);
    }

    @Override
    public String toString() {
        return "Policy[version=" + version + ", holder=" + holder + ", " + values() + ", providers=" + providers
                + ", exceptions=" + exceptions + "]";
    }

    private static void require(boolean condition, String term, String problem) {
        if (!condition) {
            throw new InvalidPolicyException(term, problem);
        }
    }

    /** Terms one at a time, the contract's defaults for the rest; {@link #build} validates them all. */
    public static final class Builder {
        private String version = "2025-01-21";
        private String holder = "azure";
        private final Map<Term<?>, Object> terms = new HashMap<>();
        private Map<String, Provider> providers = Map.of();
        private List<PreApproval> exceptions = List.of();

        private Builder() {
            Terms.all().forEach(t -> t.fallback().ifPresent(v -> terms.put(t, v)));
        }

        private Builder(Policy p) {
            version = p.version;
            holder = p.holder;
            terms.putAll(p.terms);
            providers = p.providers;
            exceptions = p.exceptions;
        }

        /** The term set to {@code value}; null leaves a term that may be unset unset. */
        public <V> Builder set(Term<V> term, V value) {
            if (value == null) {
                terms.remove(term);
            } else {
                terms.put(term, value instanceof Set<?> names ? Set.copyOf(names) : value);
            }
            return this;
        }

        /** The term set to the value this text writes, refused naming the term when it writes none. */
        public <V> Builder parse(Term<V> term, String text) {
            return set(term, term.parse(text));
        }

        public Builder version(String v) { version = v; return this; }
        public Builder holder(String v) { holder = v; return this; }
        public Builder providers(Map<String, Provider> v) { providers = v; return this; }
        public Builder exceptions(List<PreApproval> v) { exceptions = v; return this; }
        public Builder termEnds(LocalDate v) { return set(Terms.TERM_ENDS, v); }
        public Builder firstRefusalWindow(Duration v) { return set(Terms.FIRST_REFUSAL_WINDOW, v); }
        public Builder priceDropPercent(BigDecimal v) { return set(Terms.PRICE_DROP_PERCENT, v); }
        public Builder capacityIncreasePercent(BigDecimal v) { return set(Terms.CAPACITY_INCREASE_PERCENT, v); }
        public Builder agiDeclaredAt(Optional<Instant> v) { return set(Terms.AGI_DECLARED_AT, v.orElse(null)); }
        public Builder clockGrace(Duration v) { return set(Terms.CLOCK_GRACE, v); }
        public Builder clockSkew(Duration v) { return set(Terms.CLOCK_SKEW, v); }
        public Builder noticeGrace(Duration v) { return set(Terms.NOTICE_GRACE, v); }
        public Builder lapseRequiresNotice(boolean v) { return set(Terms.LAPSE_REQUIRES_NOTICE, v); }
        public Builder firstRefusal(boolean v) { return set(Terms.FIRST_REFUSAL, v); }
        public Builder apiExemptCustomers(Set<String> v) { return set(Terms.API_EXEMPT_CUSTOMERS, v); }
        public Builder holderAccount(Optional<String> v) { return set(Terms.HOLDER_ACCOUNT, v.orElse(null)); }

        public Policy build() {
            return new Policy(this);
        }
    }
}
