package firstrefusal.operations;

import firstrefusal.config.FunctionName;
import firstrefusal.config.OperationsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Loads, at start-up and on a thread of its own, the classes this function's first invocation would otherwise load
 * on the caller's clock: the list {@code preload/<handler>.txt}, written by the cold-start benchmark from a class
 * loading log of a first invocation (see src/docs/BENCHMARKS.md). While the main thread finishes the init, a second core
 * loads them; a class the list names that does not exist (after a change) is skipped.
 * {@code startup.preload-classes=false} (env {@code STARTUP_PRELOAD_CLASSES}, {@link OperationsConfig.Startup}) turns it off.
 */
@Singleton
public class ClassPreload {

    private static final Logger LOG = Logger.getLogger(ClassPreload.class);

    private final String handler;
    private final boolean enabled;

    public ClassPreload(FunctionName function, OperationsConfig.Startup config) {
        this.handler = function.value();
        this.enabled = config.preloadClasses();
    }

    void onStart(@Observes StartupEvent event) {
        InputStream list = ClassPreload.class.getResourceAsStream("/preload/" + handler + ".txt");
        if (!enabled || list == null) {
            return;
        }
        ClassLoader loader = ClassPreload.class.getClassLoader();
        Thread.ofPlatform().daemon().name("class-preload").start(() -> {
            int loaded = 0;
            try (BufferedReader names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
                for (String name = names.readLine(); name != null; name = names.readLine()) {
                    if (name.isBlank() || name.startsWith("#")) {
                        continue;
                    }
                    try {
                        // Loaded and linked, not initialised: a static initialiser runs on first use, as it would.
                        Class.forName(name.strip(), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError gone) {
                        // the list is older than the code: nothing lost but the head start
                    }
                }
            } catch (IOException e) {
                LOG.debug("class preload list unreadable", e);
            }
            LOG.debugf("preloaded %d classes for %s", loaded, handler);
        });
    }
}
