package firstrefusal.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract terms (src/docs/contract.md, "The policy"), as data. Built from configuration and validated here, so that an
 * invalid policy can never reach a decision. Error messages name the configuration key.
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
        Map<String, Provider> providers,
        List<PreApproval> exceptions,
        Optional<String> holderAccount) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    public Policy {
        providers = Map.copyOf(providers);
        exceptions = List.copyOf(exceptions);
        require(version != null && !version.isBlank(), "policy.version", "must not be blank");
        require(firstRefusalWindow != null && firstRefusalWindow.isPositive(), "policy.first-refusal-window",
                "must be a positive duration, was " + firstRefusalWindow);
        require(clockGrace != null && !clockGrace.isNegative(), "policy.clock-grace",
                "must not be negative, was " + clockGrace);
        require(priceDropPercent != null && priceDropPercent.signum() > 0 && priceDropPercent.compareTo(HUNDRED) <= 0,
                "policy.material-change.price-drop-percent", "must be above 0 and at most 100, was " + priceDropPercent);
        require(capacityIncreasePercent != null && capacityIncreasePercent.signum() > 0,
                "policy.material-change.capacity-increase-percent", "must be above 0, was " + capacityIncreasePercent);
        require(termEnds != null, "policy.term-ends", "must be a date");
        require(!providers.isEmpty(), "policy.providers", "must list at least the holder");
        Provider holderProvider = providers.get(holder);
        require(holderProvider != null, "policy.holder", "'" + holder + "' is not one of policy.providers " + providers.keySet());
        require(holderProvider.kind() == ProviderKind.HOLDER, "policy.providers." + holder + ".kind",
                "must be HOLDER for the holder, was " + holderProvider.kind());
        providers.values().forEach(p -> require(p.kind() != ProviderKind.HOLDER || p.id().equals(holder),
                "policy.providers." + p.id() + ".kind", "is HOLDER but policy.holder is '" + holder + "'"));
        for (int i = 0; i < exceptions.size(); i++) {
            PreApproval e = exceptions.get(i);
            String key = "policy.exceptions[" + i + "]";
            require(e.id() != null && !e.id().isBlank(), key + ".id", "must not be blank");
            require(providers.containsKey(e.provider()), key + ".provider", "'" + e.provider() + "' is not one of policy.providers");
            require(!e.offerIds().isEmpty(), key + ".offer-ids", "must list at least one offer id");
        }
        require(holderAccount != null && holderAccount.map(a -> ACCOUNT.matcher(a).matches()).orElse(true),
                "policy.holder-account", "must be a 12-digit AWS account id, was " + holderAccount.orElse(null));
    }

    /** Without a holder account: holder responses are not checked for the account they came from. */
    public Policy(String version, String holder, LocalDate termEnds, Duration firstRefusalWindow, BigDecimal priceDropPercent,
            BigDecimal capacityIncreasePercent, Optional<Instant> agiDeclaredAt, Duration clockGrace,
            Map<String, Provider> providers, List<PreApproval> exceptions) {
        this(version, holder, termEnds, firstRefusalWindow, priceDropPercent, capacityIncreasePercent, agiDeclaredAt,
                clockGrace, providers, exceptions, Optional.empty());
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

    /**
     * A holder response that EventBridge delivered from {@code account} (which a sender cannot forge) is
     * the holder's own only when it came from the holder's account, if one is configured.
     */
    public boolean acceptsHolderResponseFrom(String account) {
        return holderAccount.map(a -> a.equals(account)).orElse(true);
    }

    public Instant firstRefusalDeadline(Instant openedAt) {
        return openedAt.plus(firstRefusalWindow);
    }

    private static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new InvalidPolicyException(key, problem);
        }
    }
}
