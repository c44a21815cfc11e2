package firstrefusal.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Counts the DynamoDB requests the application makes, by operation, and the items they read
 * (a query's scanned count: what DynamoDB charges for) and the items its transactions write. Registered on the application's client with
 * {@code quarkus.dynamodb.interceptors} in the test profile; the SDK creates it, so the counts are static.
 */
public class DynamoDbRequestCounter implements ExecutionInterceptor {

    private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();
    private static final LongAdder ITEMS_READ = new LongAdder();
    private static final LongAdder ITEMS_WRITTEN = new LongAdder();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        REQUESTS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder()).increment();
        if (context.request() instanceof TransactWriteItemsRequest transaction) {
            ITEMS_WRITTEN.add(transaction.transactItems().size());
        }
        SdkResponse response = context.response();
        if (response instanceof QueryResponse query) {
            ITEMS_READ.add(query.scannedCount());
        } else if (response instanceof ScanResponse scan) {
            ITEMS_READ.add(scan.scannedCount());
        } else if (response instanceof GetItemResponse get && get.hasItem()) {
            ITEMS_READ.increment();
        }
    }

    /** What the application did while {@code work} ran. Not for use by concurrent tests. */
    public static Usage measure(Runnable work) {
        long before = ITEMS_READ.sum();
        long writtenBefore = ITEMS_WRITTEN.sum();
        Map<String, Long> start = snapshot();
        work.run();
        Map<String, Long> end = snapshot();
        Map<String, Long> delta = new java.util.TreeMap<>();
        end.forEach((op, n) -> {
            long d = n - start.getOrDefault(op, 0L);
            if (d > 0) {
                delta.put(op, d);
            }
        });
        return new Usage(delta, ITEMS_READ.sum() - before, ITEMS_WRITTEN.sum() - writtenBefore);
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> copy = new java.util.HashMap<>();
        REQUESTS.forEach((op, n) -> copy.put(op, n.sum()));
        return copy;
    }

    /** Requests by operation name (Query, TransactWriteItems, ...), items read, and items written in transactions. */
    public record Usage(Map<String, Long> requests, long itemsRead, long itemsWritten) {

        public long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
