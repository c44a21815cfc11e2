package firstrefusal.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Makes DynamoDB misbehave the ways it does in production, on a chosen table and for a chosen share of
 * request attempts: throttling (refused before it runs), transaction conflicts (cancelled before it
 * runs, as DynamoDB cancels a transaction that collides with another), and lost responses (the write
 * ran, the answer never arrived: the client sees a 500). Registered on the application's client with
 * {@code quarkus.dynamodb.interceptors} by {@link FaultInjectionProfile}; the SDK creates it, so the
 * plan and the counts are static. Inactive until a test arms it.
 */
public class FaultInjector implements ExecutionInterceptor {

    /**
     * @param table        the only table faults are injected on
     * @param throttle     share of Query and TransactWriteItems attempts refused with ProvisionedThroughputExceeded
     * @param conflict     share of TransactWriteItems attempts cancelled with a TransactionConflict
     * @param lostResponse share of TransactWriteItems attempts that run but answer with a 500
     */
    public record Plan(String table, double throttle, double conflict, double lostResponse) {
    }

    /**
     * What was injected and what the client did about it, since the plan was armed. Delays are the
     * backoff seen: from a failed attempt to the SDK's next attempt, and from a cancelled transaction to
     * the service's next read of the offer (it decides again).
     */
    public record Counts(long attempts, long throttled, long conflicts, long lostResponses, long sdkRetries,
            long sdkRetryDelayMillis, long serviceRetries, long serviceRetryDelayMillis, long callsFailedAfterRetries) {

        public double meanSdkRetryDelayMillis() {
            return sdkRetries == 0 ? 0 : (double) sdkRetryDelayMillis / sdkRetries;
        }

        public double meanServiceRetryDelayMillis() {
            return serviceRetries == 0 ? 0 : (double) serviceRetryDelayMillis / serviceRetries;
        }
    }

    private static final ExecutionAttribute<Boolean> LOSE_RESPONSE = new ExecutionAttribute<>("fault-injector.lose-response");
    private static final ExecutionAttribute<Integer> ATTEMPT = new ExecutionAttribute<>("fault-injector.attempt");
    private static final ExecutionAttribute<Long> FAILED_AT = new ExecutionAttribute<>("fault-injector.failed-at");
    /** When this thread's last transaction was cancelled, until its next request. */
    private static final ThreadLocal<Long> CANCELLED_AT = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> EXEMPT = ThreadLocal.withInitial(() -> false);
    private static volatile Plan plan;
    private static final SplittableRandom SEEDS = new SplittableRandom(42);
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    public static void arm(Plan faults) {
        COUNTS.clear();
        plan = faults;
    }

    public static void disarm() {
        plan = null;
    }

    /** Runs {@code check} on this thread with no faults: a test's own reads must not be what fails. */
    public static <T> T exempt(Supplier<T> check) {
        EXEMPT.set(true);
        try {
            return check.get();
        } finally {
            EXEMPT.set(false);
        }
    }

    public static Counts counts() {
        return new Counts(count("attempts"), count("throttled"), count("conflicts"), count("lostResponses"),
                count("sdkRetries"), count("sdkRetryDelayMillis"), count("serviceRetries"), count("serviceRetryDelayMillis"),
                count("callsFailed"));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPT, 0);
        Long cancelledAt = CANCELLED_AT.get();
        if (cancelledAt != null && plan != null && !EXEMPT.get()) {
            CANCELLED_AT.remove();
            add("serviceRetries");
            add("serviceRetryDelayMillis", millisSince(cancelledAt));
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(LOSE_RESPONSE, false);
        Plan faults = plan;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (faults == null || EXEMPT.get() || !faults.table().equals(tableOf(context.request()))) {
            return;
        }
        int attempt = attributes.getAttribute(ATTEMPT) + 1;
        attributes.putAttribute(ATTEMPT, attempt);
        add("attempts");
        Long failedAt = attributes.getAttribute(FAILED_AT);
        if (attempt > 1 && failedAt != null) {
            add("sdkRetries");
            add("sdkRetryDelayMillis", millisSince(failedAt));
        }
        double roll = roll();
        if (roll < faults.throttle()) {
            add("throttled");
            attributes.putAttribute(FAILED_AT, System.nanoTime());
            throw ProvisionedThroughputExceededException.builder()
                    .message("injected: throughput exceeded")
                    .statusCode(400)
                    .awsErrorDetails(error("ProvisionedThroughputExceededException"))
                    .build();
        }
        if (!operation.equals("TransactWriteItems")) {
            return;
        }
        roll -= faults.throttle();
        if (roll < faults.conflict()) {
            add("conflicts");
            CANCELLED_AT.set(System.nanoTime());
            throw TransactionCanceledException.builder()
                    .message("injected: transaction cancelled [TransactionConflict]")
                    .statusCode(400)
                    .awsErrorDetails(error("TransactionCanceledException"))
                    .cancellationReasons(List.of(CancellationReason.builder().code("TransactionConflict")
                            .message("Transaction is ongoing for the item").build()))
                    .build();
        }
        roll -= faults.conflict();
        if (roll < faults.lostResponse()) {
            add("lostResponses");
            attributes.putAttribute(LOSE_RESPONSE, true);
            attributes.putAttribute(FAILED_AT, System.nanoTime());
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
            return context.httpResponse().toBuilder().statusCode(500).build();
        }
        return context.httpResponse();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
            return Optional.of(new ByteArrayInputStream(
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"injected: response lost\"}"
                            .getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Plan faults = plan;
        // A cancelled transaction is the service's to retry, not the SDK's: only other failures count here.
        if (faults != null && !EXEMPT.get() && faults.table().equals(tableOf(context.request()))
                && !(context.exception() instanceof TransactionCanceledException)) {
            add("callsFailed");
        }
    }

    private static String tableOf(SdkRequest request) {
        if (request instanceof QueryRequest query) {
            return query.tableName();
        }
        if (request instanceof TransactWriteItemsRequest transaction && !transaction.transactItems().isEmpty()) {
            var first = transaction.transactItems().getFirst();
            return first.put() != null ? first.put().tableName() : first.update() != null ? first.update().tableName() : null;
        }
        return null;
    }

    private static AwsErrorDetails error(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("injected").serviceName("DynamoDb").build();
    }

    private static double roll() {
        synchronized (SEEDS) {
            return SEEDS.nextDouble();
        }
    }

    private static void add(String what) {
        add(what, 1);
    }

    private static void add(String what, long n) {
        COUNTS.computeIfAbsent(what, k -> new LongAdder()).add(n);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static long count(String what) {
        LongAdder n = COUNTS.get(what);
        return n == null ? 0 : n.sum();
    }
}
