package firstrefusal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.InvalidMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A refused message is one line in every mode: decide's WARN naming the field. The Lambda poll loop's ERROR and stack
 * trace repeating a refusal decide reported is dropped; a failure nobody reported, a refusal included, stays an ERROR.
 */
class OneLinePerRefusalTest {

    private static final String POLL_LOOP = "io.quarkus.amazon.lambda.runtime.AbstractLambdaPollLoop";

    private final OneLinePerRefusal filter = new OneLinePerRefusal();

    @Test
    void thePollLoopsRepeatOfARefusalDecideReportedIsDroppedOnce() {
        InvalidMessageException refused = new InvalidMessageException("gpus", "must be greater than 0, was -5");
        OneLinePerRefusal.reported(refused);

        assertThat(filter.isLoggable(pollLoop(refused))).as("the repeat of decide's own warning").isFalse();
        assertThat(filter.isLoggable(pollLoop(refused))).as("only once: it is forgotten when dropped").isTrue();
    }

    @Test
    void aRefusalNobodyReportedAndEveryOtherFailureStayErrors() {
        assertThat(filter.isLoggable(pollLoop(new InvalidMessageException("Records", "a stream event without sequence numbers"))))
                .as("notify's refusal of a stream event it cannot read: logged nowhere else").isTrue();
        assertThat(filter.isLoggable(pollLoop(new IllegalStateException("DynamoDB is unreachable")))).isTrue();
        InvalidMessageException reported = new InvalidMessageException("gpus", "must be greater than 0, was -5");
        OneLinePerRefusal.reported(reported);
        LogRecord elsewhere = new LogRecord(Level.SEVERE, "failed");
        elsewhere.setLoggerName("firstrefusal.adapters.in.DecideFunction");
        elsewhere.setThrown(reported);
        assertThat(filter.isLoggable(elsewhere)).as("only the poll loop's repeat").isTrue();
    }

    @Test
    void theFilterIsOnTheConsoleInEveryProfileProductionIncluded() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = OneLinePerRefusal.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("quarkus.log.console.filter")).isEqualTo("one-line-per-refusal");
        assertThat(properties.stringPropertyNames()).noneMatch(key -> key.startsWith("%") && key.endsWith("quarkus.log.console.filter"));
    }

    private static LogRecord pollLoop(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Failed to run lambda (TEST)");
        record.setLoggerName(POLL_LOOP);
        record.setThrown(thrown);
        return record;
    }
}
