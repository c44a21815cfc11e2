package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Status page settings, under {@code status-page}. */
@ConfigMapping(prefix = "status-page")
public interface StatusPageConfig {

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

    /*
     * What one visitor's request may read: every page answers from a bounded number of DynamoDB requests, whatever
     * the table holds (src/docs/contract.md, "Bounded reads"). A request beyond them gets a cursor or a 400 that says
     * how to narrow it, never a longer read.
     */

    /**
     * The most DynamoDB requests one page of {@code /decisions} may take. Filters the index does not cover together
     * (a provider and a status) can read many decisions to find a few: the page then ends early, with a cursor.
     */
    @WithDefault("10")
    int maxReadsPerPage();

    /** The most rows {@code /decisions.csv} sends; a range with more gets a 400 asking for a narrower one. */
    @WithDefault("10000")
    int maxCsvRows();

    /** The most DynamoDB requests one {@code /decisions.csv} may take; past them, a 400 asking for a narrower range. */
    @WithDefault("50")
    int maxCsvReads();

    /**
     * The most offers one replay reads: {@code /what-if} over its range of first receipt, and {@code /?asOf=} at a
     * past instant over its lookback. More in the range, and the request gets a 400 asking for a narrower one.
     */
    @WithDefault("10000")
    int maxReplayOffers();

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
     * The key that signs the decision record's {@code next} cursors (env {@code STATUS_PAGE_CURSOR_KEY}). There is no
     * built-in one, which anyone who reads this code could forge cursors with: the page does not start without it
     * (dev and test set their own).
     */
    Optional<String> cursorKey();

    /** Sign-in through an Application Load Balancer: how its signed {@code x-amzn-oidc-data} header is verified. */
    Oidc oidc();

    interface Oidc {

        /** Where the load balancer's public keys are (env {@code STATUS_PAGE_OIDC_KEY_URL}); {region} and {kid} are filled in. */
        @WithDefault("https://public-keys.auth.elb.{region}.amazonaws.com/{kid}")
        String keyUrl();

        /** The load balancer's ARN (env {@code STATUS_PAGE_OIDC_ALB_ARN}): a token signed by any other is refused, and unset, every one. */
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
