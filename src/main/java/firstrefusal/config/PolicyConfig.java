package firstrefusal.config;

import firstrefusal.domain.policy.ProviderKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy (src/docs/contract.md, "The policy") under the prefix {@code policy}: each term's key is the term's name
 * ({@code policy.first-refusal-window}), and so is its key in an amendment ({@code policy.amendments[0].clock-grace}).
 * A term left unset keeps the contract's default, which the domain's terms hold
 * ({@link firstrefusal.domain.policy.Terms}); the default providers and exceptions are in {@code application.properties}.
 * Any key can be overridden the usual Quarkus way, e.g. {@code POLICY_FIRST_REFUSAL_WINDOW=P7D}. {@link TermKeys} reads
 * the terms, {@link AgreementConfig} the rest, into a validated {@link firstrefusal.domain.policy.Policy} at start-up
 * ({@code app.Wiring} asks for it).
 */
@ConfigMapping(prefix = "policy")
public interface PolicyConfig {

    @WithDefault("2025-01-21")
    String version();

    @WithDefault("azure")
    String holder();

    Optional<LocalDate> termEnds();

    Optional<Duration> firstRefusalWindow();

    MaterialChange materialChange();

    Optional<Instant> agiDeclaredAt();

    Optional<Duration> clockGrace();

    /** How far a message's own instant may run ahead of its arrival on the queue. */
    Optional<Duration> clockSkew();

    /** A notice later than this after its window opened moves the deadline to the notice plus the window. */
    Optional<Duration> noticeGrace();

    /** Nothing lapses an offer before its notice is recorded; false for deployments without {@code notify}. */
    Optional<Boolean> lapseRequiresNotice();

    Map<String, ProviderConfig> providers();

    List<ExceptionConfig> exceptions();

    /** The holder's AWS account: a Holder Response in an EventBridge envelope from any other account is refused. */
    Optional<String> holderAccount();

    /** Amendments the project ships, switched on by name (env {@code POLICY_SHIPPED_AMENDMENTS=2025-10-28}). */
    Optional<List<String>> shippedAmendments();

    /** Amendments written in the configuration, in the order they take effect. */
    List<AmendmentConfig> amendments();

    /** One amendment: its version, when it takes effect, and the terms it changes (the rest stay as before). */
    interface AmendmentConfig {

        String version();

        Instant effectiveFrom();

        Optional<Duration> firstRefusalWindow();

        Optional<LocalDate> termEnds();

        Optional<Instant> agiDeclaredAt();

        Optional<MaterialChange> materialChange();

        Optional<Duration> clockGrace();

        Optional<Duration> clockSkew();

        Optional<Duration> noticeGrace();

        Optional<String> holderAccount();

        Optional<Boolean> firstRefusal();

        Optional<List<String>> apiExemptCustomers();

        /** {@code keep} (the default) or {@code release}. */
        Optional<String> pendingOffers();

        Map<String, ProviderConfig> providers();

        List<ExceptionConfig> exceptions();

        List<CommitmentConfig> commitments();
    }

    interface MaterialChange {

        Optional<BigDecimal> priceDropPercent();

        Optional<BigDecimal> capacityIncreasePercent();
    }

    interface CommitmentConfig {

        String provider();

        BigDecimal amountUsd();

        Instant from();

        Optional<Instant> to();
    }

    interface ProviderConfig {

        String name();

        ProviderKind kind();
    }

    interface ExceptionConfig {

        String id();

        String provider();

        List<String> offerIds();
    }
}
