package firstrefusal.page;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** The local HTTP server that serves the page in dev and test mode (never in Lambda). */
    DevServer devServer();

    interface DevServer {

        @WithDefault("8080")
        int port();
    }
}
