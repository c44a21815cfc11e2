package firstrefusal.operations;

import firstrefusal.domain.offer.InvalidMessageException;
import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * For dev mode's console, where it alone is configured ({@code %dev.quarkus.log.console.filter}): a refused message
 * is one line, decide's own {@code message rejected: <field>: ...} warning. The mock Lambda's poll loop would log the
 * same refusal again as an error with a stack trace; that repeat is dropped here, and every other failure it logs
 * still shows in full. (It ships with the functions, unused there, because Quarkus wires log filters at build time.)
 */
@LoggingFilter(name = "refused-messages-once")
public final class RefusedMessagesOnce implements Filter {

    private static final String POLL_LOOP = "io.quarkus.amazon.lambda.runtime.AbstractLambdaPollLoop";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(POLL_LOOP.equals(record.getLoggerName()) && record.getThrown() instanceof InvalidMessageException);
    }
}
