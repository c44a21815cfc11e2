package firstrefusal.operations;

import com.amazonaws.services.lambda.runtime.Context;
import org.jboss.logging.MDC;

/**
 * The fields every log line of an invocation carries (JSON in Lambda, {@code {key=value}} in the dev console): the
 * request id, and while a message is handled its offer, message key, SQS message id or stream sequence number, and
 * once decided its status and rule. Kept in the logging MDC, cleared when the invocation ends.
 */
public final class LogFields {

    static final String REQUEST_ID = "requestId";
    public static final String OFFER_ID = "offerId";
    static final String MESSAGE_KEY = "messageKey";
    static final String STATUS = "status";
    static final String RULE = "rule";
    public static final String FIELD = "field";
    public static final String SQS_MESSAGE_ID = "sqsMessageId";
    public static final String STREAM_SEQUENCE = "streamSequence";

    private LogFields() {
    }

    public static void request(Context context) {
        MDC.clear();
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put(REQUEST_ID, context.getAwsRequestId());
        }
    }

    public static void message(String offerId, String key) {
        MDC.put(OFFER_ID, offerId);
        MDC.put(MESSAGE_KEY, key);
    }

    public static void decision(String status, String rule) {
        MDC.put(STATUS, status);
        MDC.put(RULE, rule);
    }

    public static void clearMessage() {
        for (String key : new String[] {OFFER_ID, MESSAGE_KEY, STATUS, RULE}) {
            MDC.remove(key);
        }
    }

    public static void put(String key, String value) {
        MDC.put(key, value);
    }

    public static void remove(String key) {
        MDC.remove(key);
    }

    public static void clear() {
        MDC.clear();
    }
}
