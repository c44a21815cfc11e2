package firstrefusal.differential;

import static firstrefusal.domain.policy.Terms.AGI_DECLARED_AT;
import static firstrefusal.domain.policy.Terms.API_EXEMPT_CUSTOMERS;
import static firstrefusal.domain.policy.Terms.CAPACITY_INCREASE_PERCENT;
import static firstrefusal.domain.policy.Terms.CLOCK_GRACE;
import static firstrefusal.domain.policy.Terms.FIRST_REFUSAL;
import static firstrefusal.domain.policy.Terms.FIRST_REFUSAL_WINDOW;
import static firstrefusal.domain.policy.Terms.HOLDER_ACCOUNT;
import static firstrefusal.domain.policy.Terms.PRICE_DROP_PERCENT;
import static firstrefusal.domain.policy.Terms.TERM_ENDS;

import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.ProviderKind;
import firstrefusal.reference.Exception_;
import firstrefusal.reference.Kind;
import firstrefusal.reference.Provider;
import firstrefusal.reference.Terms;
import firstrefusal.reference.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agreements a generated world runs under, written once and handed to both sides: to the reference model as its
 * complete {@link Terms} per version, to the product as a {@link firstrefusal.domain.policy.Policy} and its
 * {@link Amendment}s (which the product applies itself). Nothing here decides anything.
 */
record Scenario(List<Deployed> deployments) {

    /** The base terms and the dated amendments after it (SPEC §12). */
    record AgreementSpec(Terms base, List<AmendmentSpec> amendments) {

        /** The same agreement with one more amendment (its instant after every other). */
        AgreementSpec with(AmendmentSpec extra) {
            List<AmendmentSpec> all = new ArrayList<>(amendments);
            all.add(extra);
            return new AgreementSpec(base, all);
        }

        /** The same agreement whose base declares AGI at {@code agi} (the deployment sets {@code agi-declared-at}). */
        AgreementSpec withAgi(Instant agi) {
            return new AgreementSpec(Terms_.with(base, t -> t.agi = agi), amendments);
        }

        String describe() {
            StringBuilder s = new StringBuilder("base " + Terms_.describe(base));
            amendments.forEach(a -> s.append("; ").append(a));
            return s.toString();
        }
    }

    /** An amendment: the terms it changes (empty: kept), from {@code effectiveFrom} inclusive. */
    record AmendmentSpec(String version, Instant effectiveFrom, boolean release, Optional<Duration> window,
            Optional<Boolean> firstRefusal, Optional<Instant> agi, Optional<String> holderAccount, Optional<Duration> clockGrace,
            Optional<BigDecimal> priceDrop, Optional<BigDecimal> capacityIncrease, Optional<Set<String>> apiExempt,
            Optional<LocalDate> termEnds, List<Provider> providers, List<Exception_> exceptions) {

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(version + " from " + effectiveFrom + (release ? " release" : " keep"));
            window.ifPresent(v -> s.append(" window=").append(v));
            firstRefusal.ifPresent(v -> s.append(" first-refusal=").append(v));
            agi.ifPresent(v -> s.append(" agi=").append(v));
            holderAccount.ifPresent(v -> s.append(" holder-account=").append(v));
            clockGrace.ifPresent(v -> s.append(" clock-grace=").append(v));
            priceDrop.ifPresent(v -> s.append(" price-drop=").append(v));
            capacityIncrease.ifPresent(v -> s.append(" capacity-increase=").append(v));
            apiExempt.ifPresent(v -> s.append(" api-exempt=").append(v));
            termEnds.ifPresent(v -> s.append(" term-ends=").append(v));
            providers.forEach(p -> s.append(" provider+=").append(p.id()));
            exceptions.forEach(e -> s.append(" exception+=").append(e.provider()).append(':').append(e.offerIds()));
            return s.toString();
        }
    }

    /** An agreement as deployed, first started under at {@code deployedAt} (a processing instant). */
    record Deployed(String id, Instant deployedAt, AgreementSpec agreement) {
    }

    String describe() {
        return deployments.stream().map(d -> "deployment " + d.id() + " at " + d.deployedAt() + ": " + d.agreement().describe())
                .collect(Collectors.joining("\n  ", "  ", ""));
    }

    // ---- to the reference model ----

    List<firstrefusal.reference.Deployment> toModel() {
        return deployments.stream().map(d -> new firstrefusal.reference.Deployment(d.deployedAt(), toModel(d.agreement()))).toList();
    }

    static firstrefusal.reference.Agreement toModel(AgreementSpec spec) {
        List<Version> versions = new ArrayList<>(List.of(new Version(spec.base(), null, false)));
        for (AmendmentSpec a : spec.amendments()) {
            Terms before = versions.getLast().terms();
            Terms after = Terms_.with(before, t -> {
                t.version = a.version();
                a.window().ifPresent(v -> t.window = v);
                a.firstRefusal().ifPresent(v -> t.firstRefusal = v);
                a.agi().ifPresent(v -> t.agi = v);
                a.holderAccount().ifPresent(v -> t.holderAccount = v);
                a.clockGrace().ifPresent(v -> t.clockGrace = v);
                a.priceDrop().ifPresent(v -> t.priceDrop = v);
                a.capacityIncrease().ifPresent(v -> t.capacityIncrease = v);
                a.apiExempt().ifPresent(v -> t.apiExempt = v);
                a.termEnds().ifPresent(v -> t.termEnds = v);
                a.providers().forEach(p -> t.providers.put(p.id(), p));
                a.exceptions().forEach(e -> t.exceptions.put(e.id(), e));
            });
            versions.add(new Version(after, a.effectiveFrom(), a.release()));
        }
        return new firstrefusal.reference.Agreement(versions);
    }

    // ---- to the product ----

    firstrefusal.domain.policy.Deployment toProduct(Deployed d) {
        return new firstrefusal.domain.policy.Deployment(d.id(), d.deployedAt(), toProduct(d.agreement()));
    }

    static firstrefusal.domain.policy.Agreement toProduct(AgreementSpec spec) {
        List<Amendment> amendments = spec.amendments().stream().map(a -> new Amendment(a.version(), a.effectiveFrom(),
                Amendment.Changes.none().with(FIRST_REFUSAL_WINDOW, a.window()).with(TERM_ENDS, a.termEnds())
                        .with(AGI_DECLARED_AT, a.agi()).with(PRICE_DROP_PERCENT, a.priceDrop())
                        .with(CAPACITY_INCREASE_PERCENT, a.capacityIncrease()).with(CLOCK_GRACE, a.clockGrace())
                        .with(HOLDER_ACCOUNT, a.holderAccount()).with(FIRST_REFUSAL, a.firstRefusal())
                        .with(API_EXEMPT_CUSTOMERS, a.apiExempt())
                        .withProviders(a.providers().stream().collect(Collectors.toMap(Provider::id, Scenario::toProduct)))
                        .withExceptions(a.exceptions().stream().map(Scenario::toProduct).toList()),
                a.release() ? Amendment.PendingOffers.RELEASE : Amendment.PendingOffers.KEEP, List.of())).toList();
        return firstrefusal.domain.policy.Agreement.of(toProduct(spec.base()), amendments);
    }

    static firstrefusal.domain.policy.Policy toProduct(Terms t) {
        return firstrefusal.domain.policy.Policy.builder().version(t.version()).holder(t.holder()).termEnds(t.termEnds())
                .firstRefusalWindow(t.window()).priceDropPercent(t.priceDropPercent())
                .capacityIncreasePercent(t.capacityIncreasePercent()).agiDeclaredAt(Optional.ofNullable(t.agiDeclaredAt()))
                .clockGrace(t.clockGrace()).clockSkew(t.clockSkew()).noticeGrace(t.noticeGrace())
                .lapseRequiresNotice(t.lapseRequiresNotice()).firstRefusal(t.firstRefusal())
                .apiExemptCustomers(t.apiExemptCustomers())
                .providers(t.providers().values().stream().collect(Collectors.toMap(Provider::id, Scenario::toProduct)))
                .exceptions(t.exceptions().values().stream().map(Scenario::toProduct).toList())
                .holderAccount(Optional.ofNullable(t.holderAccount())).build();
    }

    private static firstrefusal.domain.policy.Provider toProduct(Provider p) {
        return new firstrefusal.domain.policy.Provider(p.id(), p.name(), ProviderKind.valueOf(p.kind().name()));
    }

    private static PreApproval toProduct(Exception_ e) {
        return new PreApproval(e.id(), e.provider(), e.offerIds());
    }

    /** Mutable terms, to write one version as the one before with some changes. */
    static final class Terms_ {
        String version, holder, holderAccount;
        LocalDate termEnds;
        Duration window, clockGrace, clockSkew, noticeGrace;
        BigDecimal priceDrop, capacityIncrease;
        Instant agi;
        boolean lapseRequiresNotice, firstRefusal;
        Set<String> apiExempt;
        Map<String, Provider> providers;
        Map<String, Exception_> exceptions;

        static Terms with(Terms t, java.util.function.Consumer<Terms_> change) {
            Terms_ b = new Terms_();
            b.version = t.version(); b.holder = t.holder(); b.termEnds = t.termEnds(); b.window = t.window();
            b.priceDrop = t.priceDropPercent(); b.capacityIncrease = t.capacityIncreasePercent(); b.agi = t.agiDeclaredAt();
            b.clockGrace = t.clockGrace(); b.clockSkew = t.clockSkew(); b.noticeGrace = t.noticeGrace();
            b.lapseRequiresNotice = t.lapseRequiresNotice(); b.firstRefusal = t.firstRefusal(); b.apiExempt = t.apiExemptCustomers();
            b.providers = new HashMap<>(t.providers()); b.exceptions = new HashMap<>(t.exceptions()); b.holderAccount = t.holderAccount();
            change.accept(b);
            return new Terms(b.version, b.holder, b.termEnds, b.window, b.priceDrop, b.capacityIncrease, b.agi, b.clockGrace,
                    b.clockSkew, b.noticeGrace, b.lapseRequiresNotice, b.firstRefusal, b.apiExempt, b.providers, b.exceptions,
                    b.holderAccount);
        }

        /** The default agreement of 2025-01-21 (SPEC §2). */
        static Terms defaults() {
            Map<String, Provider> providers = Map.of(
                    "azure", new Provider("azure", "Microsoft Azure", Kind.HOLDER),
                    "oracle", new Provider("oracle", "Oracle Cloud Infrastructure", Kind.THIRD_PARTY),
                    "softbank", new Provider("softbank", "SoftBank", Kind.THIRD_PARTY),
                    "coreweave", new Provider("coreweave", "CoreWeave", Kind.THIRD_PARTY),
                    "google", new Provider("google", "Google Cloud", Kind.THIRD_PARTY),
                    "stargate", new Provider("stargate", "Stargate", Kind.SELF_BUILD));
            return new Terms("2025-01-21", "azure", LocalDate.parse("2030-12-31"), Duration.ofDays(14), BigDecimal.valueOf(5),
                    BigDecimal.valueOf(10), null, Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofHours(1), true, true,
                    Set.of(), providers,
                    Map.of("oracle-2024-06", new Exception_("oracle-2024-06", "oracle", Set.of("oci-openai-2024-06"))), null);
        }

        static String describe(Terms t) {
            return t.version() + " window=" + t.window() + " grace=" + t.clockGrace() + " skew=" + t.clockSkew()
                    + " notice-grace=" + t.noticeGrace() + " lapse-requires-notice=" + t.lapseRequiresNotice()
                    + (t.agiDeclaredAt() == null ? "" : " agi=" + t.agiDeclaredAt())
                    + (t.holderAccount() == null ? "" : " holder-account=" + t.holderAccount())
                    + " exceptions=" + t.exceptions().values().stream().map(e -> e.provider() + ":" + e.offerIds()).toList();
        }
    }
}
