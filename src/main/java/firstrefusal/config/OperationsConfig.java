package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a function runs, rather than what it decides: its metrics ({@code metrics.*}, the name the template uses). */
public final class OperationsConfig {

    private OperationsConfig() {
    }

    /** {@code metrics.enabled} (env {@code METRICS_ENABLED}): the EMF business metrics; off in dev and test. */
    @ConfigMapping(prefix = "metrics")
    public interface Metrics {

        @WithDefault("true")
        boolean enabled();
    }

}
