package firstrefusal.operations;

import io.quarkus.logging.LoggingFilter;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A refused message is one log line, in every mode (configured for the console in application.properties): decide's own
 * {@code message rejected: <field>: ...} warning, which names the field. Quarkus' Lambda poll loop, the same in Lambda,
 * in dev mode and in the tests, then logs the exception it hands back to the caller again, as an ERROR with a stack
 * trace ({@code Failed to run lambda}); that repeat is dropped here. Only an exception decide {@link #reported} is
 * dropped: a refusal nobody logged yet (notify refusing a stream event it cannot read) and every other failure the loop
 * logs still show in full, at ERROR. (In the managed Java runtime the runtime interface client reports the invocation's
 * error itself, outside the application's logging.)
 */
@LoggingFilter(name = "one-line-per-refusal")
public final class OneLinePerRefusal implements Filter {

    private static final String POLL_LOOP = "io.quarkus.amazon.lambda.runtime.AbstractLambdaPollLoop";
    /** Exceptions already logged as refusals, by identity; weak, so an exception nobody repeats is not kept. */
    private static final Set<Throwable> REPORTED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** {@code refusal} was logged as a refusal, naming its field, and is about to be handed back to the caller. */
    public static void reported(Throwable refusal) {
        REPORTED.add(refusal);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(POLL_LOOP.equals(record.getLoggerName()) && record.getThrown() != null && REPORTED.remove(record.getThrown()));
    }
}
