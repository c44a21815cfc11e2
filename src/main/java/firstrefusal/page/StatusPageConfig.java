package firstrefusal.page;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Status page settings, under {@code status-page}. */
@ConfigMapping(prefix = "status-page")
public interface StatusPageConfig {

    /** How often the page reloads itself (a meta refresh, no script); 0 turns it off. */
    @WithDefault("60")
    int refreshSeconds();

    /** How many recent decisions the page lists. */
    @WithDefault("20")
    int recentDecisions();

    /** How many offers per provider the overview lists, most urgent first; the totals always count all. */
    @WithDefault("50")
    int rowsPerProvider();

    /** How many offers the page lists when it shows one provider ({@code ?provider=}). */
    @WithDefault("1000")
    int rowsPerProviderAlone();

    /** How many decisions {@code /decisions} lists a page. */
    @WithDefault("50")
    int decisionsPerPage();

    /** What the page calls due soon: an offer whose next deadline (its lapse, or its own expiry) falls within this. */
    @WithDefault("P3D")
    Duration dueWithin();

    /** How many due-soon offers the strip at the top lists, the soonest first. */
    @WithDefault("10")
    int dueSoonRows();

    /**
     * How far back {@code ?asOf=} at a past instant looks for offers, by first receipt, to rebuild what was pending then.
     * An offer pending longer than this before that instant is not shown; the page says so.
     */
    @WithDefault("P120D")
    Duration asOfLookback();

    /** How many pending offers the deadline timeline draws, most urgent first; it counts the rest. */
    @WithDefault("25")
    int timelineRows();

    /**
     * The key that signs the decision record's {@code next} cursors (env {@code STATUS_PAGE_CURSOR_KEY}). Unset, a
     * built-in key still refuses altered cursors, but anyone who reads this code could forge one: set it on AWS.
     */
    Optional<String> cursorKey();

    /** Sign-in through an Application Load Balancer: how its signed {@code x-amzn-oidc-data} header is verified. */
    Oidc oidc();

    interface Oidc {

        /** Where the load balancer's public keys are (env {@code STATUS_PAGE_OIDC_KEY_URL}); {region} and {kid} are filled in. */
        @WithDefault(firstrefusal.signin.AlbSignIn.DEFAULT_KEY_URL)
        String keyUrl();

        /** The load balancer's ARN (env {@code STATUS_PAGE_OIDC_ALB_ARN}): when set, a token signed by any other is refused. */
        Optional<String> albArn();

        /** The region in the key URL; unset, the function's own ({@code AWS_REGION}). */
        Optional<String> region();
    }

    /** The local HTTP server that serves the page in dev and test mode (never in Lambda). */
    DevServer devServer();

    interface DevServer {

        @WithDefault("8080")
        int port();
    }
}
