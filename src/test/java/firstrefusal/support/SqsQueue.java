package firstrefusal.support;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An SQS queue drained by a Lambda event source mapping, as far as delivery goes: records arrive
 * shuffled, in batches, to several concurrent invocations; a record the function reports in
 * {@code batchItemFailures} (or every record of an invocation that fails outright) becomes visible
 * again and is delivered in a later round, reshuffled. Rounds are bounded, as a redrive policy bounds
 * receives before the dead-letter queue.
 */
public final class SqsQueue {

    /** Sees each batch as the function answered it, on the invoking thread, before the next batch there. */
    public interface BatchCheck {
        void afterBatch(List<String> processed, List<String> failed);
    }

    /**
     * @param rounds           receive rounds used
     * @param invocations      function invocations (batches)
     * @param deliveries       records delivered, redeliveries included
     * @param reportedFailures records the function reported as failed, over all rounds
     * @param deadLetters      records still failing after the last round
     */
    public record Report(int rounds, int invocations, int deliveries, int reportedFailures, List<Events.Sent> unprocessed,
            Duration elapsed) {

        /** The bodies of the records still failing after the last round. */
        public List<String> deadLetters() {
            return unprocessed.stream().map(Events.Sent::body).toList();
        }
    }

    private final RequestStreamHandler function;
    private final int batchSize;
    private final int pollers;
    private final Random random;

    public SqsQueue(RequestStreamHandler function, int batchSize, int pollers, long seed) {
        this.function = function;
        this.batchSize = batchSize;
        this.pollers = pollers;
        this.random = new Random(seed);
    }

    /**
     * Records that reached the queue when each says. A redelivery keeps its {@code SentTimestamp}, as SQS does (a
     * redrive from the dead-letter queue would not: that is a new message).
     */
    public Report drainSent(List<Events.Sent> records, int maxRounds, BatchCheck check) throws Exception {
        long start = System.nanoTime();
        List<Events.Sent> visible = new ArrayList<>(records);
        int rounds = 0;
        int invocations = 0;
        int deliveries = 0;
        int reportedFailures = 0;
        ExecutorService pool = Executors.newFixedThreadPool(pollers);
        try {
            while (!visible.isEmpty() && rounds < maxRounds) {
                rounds++;
                Collections.shuffle(visible, random);
                List<Future<List<Events.Sent>>> batches = new ArrayList<>();
                for (int from = 0; from < visible.size(); from += batchSize) {
                    List<Events.Sent> batch = List.copyOf(visible.subList(from, Math.min(from + batchSize, visible.size())));
                    batches.add(pool.submit(() -> invoke(batch, check)));
                    invocations++;
                    deliveries += batch.size();
                }
                List<Events.Sent> failed = new ArrayList<>();
                for (Future<List<Events.Sent>> batch : batches) {
                    failed.addAll(batch.get());
                }
                reportedFailures += failed.size();
                visible = failed;
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(rounds, invocations, deliveries, reportedFailures, List.copyOf(visible),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** One invocation with one batch; returns the bodies to deliver again. */
    private List<Events.Sent> invoke(List<Events.Sent> batch, BatchCheck check) {
        List<Events.Sent> failed = new ArrayList<>();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            function.handleRequest(new ByteArrayInputStream(Events.sqsSent(batch).getBytes(StandardCharsets.UTF_8)), out, null);
            // Events.sqs names the records m-0, m-1, ... in batch order.
            for (JsonNode failure : WireMessages.JSON.readTree(out.toByteArray()).get("batchItemFailures")) {
                failed.add(batch.get(Integer.parseInt(failure.get("itemIdentifier").asText().substring(2))));
            }
        } catch (Exception e) {
            // The whole invocation failed: Lambda makes every record of the batch visible again.
            failed.addAll(batch);
        }
        List<Events.Sent> processed = new ArrayList<>(batch);
        failed.forEach(processed::remove);
        check.afterBatch(processed.stream().map(Events.Sent::body).toList(), failed.stream().map(Events.Sent::body).toList());
        return failed;
    }
}
