package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a function runs, rather than what it decides: its metrics and its start. Two small trees of keys, each its own
 * mapping ({@code metrics.*}, {@code startup.*}), so both keep the names the template and the runbook use.
 */
public final class OperationsConfig {

    private OperationsConfig() {
    }

    /** {@code metrics.enabled} (env {@code METRICS_ENABLED}): the EMF business metrics; off in dev and test. */
    @ConfigMapping(prefix = "metrics")
    public interface Metrics {

        @WithDefault("true")
        boolean enabled();
    }

    /** {@code startup.preload-classes} (env {@code STARTUP_PRELOAD_CLASSES}): the class preload on a second thread. */
    @ConfigMapping(prefix = "startup")
    public interface Startup {

        @WithDefault("true")
        boolean preloadClasses();
    }
}
