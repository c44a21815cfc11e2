package firstrefusal.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class that sends thousands of messages the product must refuse, or faults it must survive: what
 * {@code decide}, {@code notify}, the page and the answer page log meanwhile (a {@code message rejected} warning per refusal, a WARN per refused answer link, an ERROR per
 * record handed back or page that failed) is what the test is about, and the test checks the outcome itself. Those lines are held back and counted
 * in one line at the end, so the build's output stays short enough to read; if a test of the class fails, every line
 * held back is printed after all. {@code -Dtest.logs=all} lets them through as they come.
 */
public final class ExpectedLogs implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final List<String> LOGGERS = List.of("firstrefusal.adapters.in.DecideFunction", "firstrefusal.adapters.in.NotifyFunction",
            "firstrefusal.page.PageRoutes", "firstrefusal.page.AnswerPage", "firstrefusal.page.ProofReads");

    private final List<LogRecord> held = new ArrayList<>();
    private final Handler holder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (held) {
                held.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean failed;

    /**
     * Before each test, not once before the class: the application starts after the class's own callbacks (again, under
     * a test profile of its own), and its start sets the logging up afresh.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!"all".equals(System.getProperty("test.logs"))) {
            LOGGERS.forEach(name -> {
                Logger logger = Logger.getLogger(name);
                logger.setUseParentHandlers(false);
                logger.removeHandler(holder);
                logger.addHandler(holder);
            });
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failed |= context.getExecutionException().isPresent();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LOGGERS.forEach(name -> {
            Logger logger = Logger.getLogger(name);
            logger.removeHandler(holder);
            logger.setUseParentHandlers(true);
        });
        synchronized (held) {
            if (held.isEmpty()) {
                return;
            }
            Map<String, Integer> byLevel = new TreeMap<>();
            held.forEach(r -> byLevel.merge(r.getLevel().getName().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
            // In words, not as levels: a reader scanning the build's output for ERROR finds only what went wrong.
            System.out.println(context.getRequiredTestClass().getSimpleName() + ": held back the log lines of the refusals and"
                    + " faults it causes on purpose (" + String.join(", ", byLevel.entrySet().stream().map(e -> e.getValue() + " "
                    + e.getKey()).toList()) + "; -Dtest.logs=all shows them)");
            if (failed) {
                held.forEach(r -> System.out.println(r.getLevel() + " [" + r.getLoggerName() + "] " + message(r)
                        + (r.getThrown() == null ? "" : ": " + r.getThrown())));
            }
            held.clear();
        }
    }

    private static String message(LogRecord r) {
        return r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
    }
}
