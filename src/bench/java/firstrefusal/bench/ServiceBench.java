package firstrefusal.bench;

import static firstrefusal.bench.Bench.fmt;
import static firstrefusal.bench.Bench.median;
import static firstrefusal.bench.Bench.percentile;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import firstrefusal.adapters.in.DecideFunction;
import firstrefusal.adapters.in.StatusPageFunction;
import firstrefusal.adapters.out.dynamodb.TableSeeder;
import firstrefusal.config.CapacityConfig;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The service against DynamoDB Local, through the real handler beans of the test build (whose DynamoDB client
 * counts requests with {@link DynamoDbRequestCounter}): the page's render time and items read by outstanding
 * offers and history, each decision's latency and DynamoDB requests by message kind, and SQS batches of 10
 * through {@code decide} for offers per second. Times include DynamoDB Local, in this JVM on the same cores.
 * Nothing here asserts a time; the report goes to {@code target/bench/service.md}.
 */
@QuarkusTest
@TestProfile(ServiceBench.OwnTable.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceBench {

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("capacity.table", "bench");
        }
    }

    private static final String[] PROVIDERS = {"oracle", "softbank", "coreweave", "google", "stargate"};
    /** Decision and throughput messages are dated before the page's offers, so their clock ticks leave those alone. */
    private static final Instant DECISIONS_FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TICKS_FROM = Instant.parse("2024-09-01T00:00:00Z");
    private static final Instant THROUGHPUT_FROM = Instant.parse("2023-01-01T00:00:00Z");
    private static final Map<String, String> REPORT = new LinkedHashMap<>();
    private static final Map<String, StringBuilder> RAW = new LinkedHashMap<>();

    /** The DynamoDB requests of the last decision of each kind, by operation, for the report. */
    private final Map<String, String> operations = new TreeMap<>();

    @Inject
    DecideFunction decide;

    @Inject
    StatusPageFunction statusPage;

    @Inject
    DynamoDbClient client;

    @Inject
    OfferStore store;

    @Inject
    CapacityConfig config;

    @Inject
    Policy policy;

    @Test
    @Order(1)
    void pageCost() {
        Bench.noteLoad("service, start");
        TableSeeder seeder = new TableSeeder(client, config.table().name(), policy);
        StringBuilder md = new StringBuilder("| outstanding offers | decided offers in history | render p50 ms | render max ms"
                + " | its two reads alone, p50 ms | samples | items read | DynamoDB requests | page KiB |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int seeded = 0;
        for (int pending : new int[] {100, 1_000, 10_000}) {
            for (; seeded < pending; seeded++) {
                seeder.offer(Offers.offer("page-pending-" + seeded).provider(PROVIDERS[seeded % PROVIDERS.length])
                        .workload(Workload.PRODUCT).gpus(1_000 + seeded).receivedAt(Offers.RECEIVED.plusSeconds(seeded)).build());
            }
            seeder.flush();
            md.append(pageRow(pending, 0, pending >= 10_000 ? 10 : 30));
        }
        int decided = 10_000;
        for (int i = 0; i < decided; i++) {
            String id = "page-decided-" + i;
            Instant received = Offers.RECEIVED.plusSeconds(i);
            seeder.offer(Offers.offer(id).provider(PROVIDERS[i % PROVIDERS.length]).workload(Workload.PRODUCT).receivedAt(received).build(),
                    new HolderResponse("r-" + id, id, "azure", i % 2 == 0 ? Answer.MATCH : Answer.DECLINE, received.plusSeconds(60)));
        }
        seeder.flush();
        md.append(pageRow(seeded, decided, 10));
        REPORT.put("Page cost (GET / through the status-page handler bean)", md.toString());
    }

    /** Renders GET / a few times unmeasured, then {@code samples} times; one render's DynamoDB usage. */
    private String pageRow(int pending, int decided, int samples) {
        APIGatewayV2HTTPEvent get = APIGatewayV2HTTPEvent.builder().withRawPath("/").withHeaders(Map.of("accept", "text/html")).build();
        for (int i = 0; i < 3; i++) {
            statusPage.handle(get);
        }
        double[] ms = new double[samples];
        double[] readsMs = new double[samples];
        APIGatewayV2HTTPResponse[] last = new APIGatewayV2HTTPResponse[1];
        DynamoDbRequestCounter.Usage usage = null;
        for (int i = 0; i < samples; i++) {
            // The page's two reads on their own, to tell DynamoDB Local's share from building and rendering.
            long readsStarted = System.nanoTime();
            store.outstanding();
            store.decisions(firstrefusal.domain.decisions.DecisionQuery.all(), java.util.Optional.empty(), 20, 10);
            readsMs[i] = (System.nanoTime() - readsStarted) / 1e6;
            long started = System.nanoTime();
            DynamoDbRequestCounter.Usage u = DynamoDbRequestCounter.measure(() -> last[0] = statusPage.handle(get));
            ms[i] = (System.nanoTime() - started) / 1e6;
            assertThat(last[0].getStatusCode()).isEqualTo(200);
            assertThat(usage == null || u.equals(usage)).as("every render reads the same").isTrue();
            usage = u;
            raw("page.csv", "outstanding,decided,render_ms,reads_alone_ms,items_read,requests").append(
                    String.format(Locale.ROOT, "%d,%d,%.3f,%.3f,%d,%d%n", pending, decided, ms[i], readsMs[i], u.itemsRead(),
                            u.totalRequests()));
        }
        assertThat(last[0].getBody()).contains(String.format(Locale.ROOT, "<dd id=\"total-offers\">%,d</dd>", pending));
        return String.format(Locale.ROOT, "| %,d | %,d | %s | %s | %s | %d | %,d | %s | %s |%n", pending, decided,
                fmt(median(ms)), fmt(percentile(ms, 100)), fmt(median(readsMs)), samples, usage.itemsRead(), usage.requests(),
                fmt(last[0].getBody().getBytes(StandardCharsets.UTF_8).length / 1024.0));
    }

    @Test
    @Order(2)
    void decisionCost() {
        int warmUp = 30;
        int rounds = Integer.getInteger("bench.decisions", 200);
        Map<String, List<double[]>> byKind = new LinkedHashMap<>();
        for (int i = 0; i < warmUp + rounds; i++) {
            Map<String, List<double[]>> sink = i < warmUp ? null : byKind;
            Instant at = DECISIONS_FROM.plus(Duration.ofMinutes(10L * i));
            String p = "cost-p-" + i;
            String q = "cost-q-" + i;
            String r = "cost-r-" + i;
            decideMeasured(sink, "offer, new", Messages.offer(p, at), "PENDING_FIRST_REFUSAL");
            decideMeasured(sink, "offer, redelivered (duplicate)", Messages.offer(p, at), "\"duplicate\":true");
            decideMeasured(sink, "revision, material change", Messages.offer(p, 2, "1.80", at.plusSeconds(60)), "MATERIAL_CHANGE");
            decideMeasured(sink, "holder response, in time", Events.answer("r-" + p, p, "MATCH", at.plus(Duration.ofDays(2))),
                    "HOLDER_MATCHED");
            decideMeasured(sink, "offer, new", Messages.offer(q, at), "PENDING_FIRST_REFUSAL");
            decideMeasured(sink, "withdrawal", Events.withdrawal(q, at.plus(Duration.ofDays(1))), "OFFER_WITHDRAWN");
            decideMeasured(sink, "offer, new", Messages.offer(r, at), "PENDING_FIRST_REFUSAL");
            decideMeasured(sink, "holder response, late (records the lapse)",
                    Events.answer("r-" + r, r, "DECLINE", at.plus(Duration.ofDays(15))), "\"late\":true");
        }
        // The clock: each tick lapses the 10 offers due by then; a tick with nothing due costs its index query.
        int ticks = Math.max(10, rounds / 10);
        for (int t = 0; t < ticks + 3; t++) {
            Map<String, List<double[]>> sink = t < 3 ? null : byKind;
            Instant at = TICKS_FROM.plus(Duration.ofDays(t));
            for (int k = 0; k < 10; k++) {
                invoke(Messages.offer("tick-" + t + "-" + k, at));
            }
            Instant now = at.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(11));
            measured(sink, "clock tick lapsing 10 offers (per offer)", 10, () -> invoke(Events.scheduledEvent(now)),
                    "\"lapsed\":[\"tick-");
            measured(sink, "clock tick with nothing due", 1, () -> invoke(Events.scheduledEvent(now)), "\"lapsed\":[]");
        }
        StringBuilder md = new StringBuilder("| message | samples | p50 ms | p99 ms | DynamoDB requests per decision |"
                + " by operation (per decision) | items read per decision |\n|---|---:|---:|---:|---:|---|---:|\n");
        byKind.forEach((kind, samples) -> {
            double[] ms = samples.stream().mapToDouble(s -> s[0]).toArray();
            double[] requests = samples.stream().mapToDouble(s -> s[1]).toArray();
            double[] reads = samples.stream().mapToDouble(s -> s[2]).toArray();
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s (max %s) | %s | %s |%n", kind, samples.size(),
                    fmt(median(ms)), fmt(percentile(ms, 99)), fmt(average(requests)), fmt(percentile(requests, 100)),
                    operations.get(kind), fmt(average(reads))));
        });
        REPORT.put("Decision cost (direct invocations through the decide handler bean)", md.toString());
    }

    private void decideMeasured(Map<String, List<double[]>> sink, String kind, String message, String expected) {
        measured(sink, kind, 1, () -> invoke(message), expected);
    }

    /**
     * One invocation: its latency, and its DynamoDB requests and items read divided over {@code decisions}, added to
     * {@code sink}; a warm-up invocation (no sink) is only checked.
     */
    private void measured(Map<String, List<double[]>> sink, String kind, int decisions, Supplier<String> invocation, String expected) {
        String[] answer = new String[1];
        long started = System.nanoTime();
        DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(() -> answer[0] = invocation.get());
        double ms = (System.nanoTime() - started) / 1e6;
        assertThat(answer[0]).as(kind).contains(expected);
        if (sink == null) {
            return;
        }
        sink.computeIfAbsent(kind, k -> new ArrayList<>())
                .add(new double[] {ms / decisions, usage.totalRequests() / (double) decisions, usage.itemsRead() / (double) decisions});
        Map<String, String> perDecision = new TreeMap<>();
        usage.requests().forEach((op, n) -> perDecision.put(op, fmt(n / (double) decisions)));
        operations.put(kind, perDecision.toString());
        raw("decisions.csv", "kind,ms_per_decision,requests_per_decision,items_read_per_decision").append(String.format(Locale.ROOT,
                "\"%s\",%.3f,%.2f,%.2f%n", kind, ms / decisions, usage.totalRequests() / (double) decisions,
                usage.itemsRead() / (double) decisions));
    }

    @Test
    @Order(3)
    void throughput() {
        int batches = Integer.getInteger("bench.throughput.batches", 100);
        StringBuilder md = new StringBuilder("| store | batches of 10 | offers/s | batch p50 ms | batch p99 ms |\n"
                + "|---|---:|---:|---:|---:|\n");
        md.append(throughputRow("DynamoDB Local", this::invoke, "tp-dynamodb", batches));
        REPORT.put("Throughput (SQS batches of 10 new offers through the decide handler, one thread = one instance)", md.toString());
    }

    private String throughputRow(String store, java.util.function.Function<String, String> handler, String prefix, int batches) {
        int warmUp = Math.max(30, batches / 5);
        double[] ms = new double[batches];
        long measuredNanos = 0;
        for (int b = 0; b < warmUp + batches; b++) {
            Instant at = THROUGHPUT_FROM.plus(Duration.ofMinutes(b));
            String batch = Events.sqs(IntStream.range(0, 10).mapToObj(k -> Messages.offer(prefix + "-" + at.getEpochSecond() + "-" + k, at))
                    .toList());
            long started = System.nanoTime();
            String answer = handler.apply(batch);
            long took = System.nanoTime() - started;
            assertThat(answer).isEqualTo("{\"batchItemFailures\":[]}");
            if (b >= warmUp) {
                ms[b - warmUp] = took / 1e6;
                measuredNanos += took;
            }
        }
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", store, batches, fmt(batches * 10 / (measuredNanos / 1e9)),
                fmt(median(ms)), fmt(percentile(ms, 99)));
    }

    @AfterAll
    static void writeReport() {
        Bench.noteLoad("service, end");
        StringBuilder md = new StringBuilder();
        REPORT.forEach((title, table) -> md.append("### ").append(title).append("\n\n").append(table).append('\n'));
        Bench.write(Bench.resultsDirectory().resolve("service.md"), md.toString());
        RAW.forEach((file, csv) -> Bench.write(Bench.resultsDirectory().resolve(file), csv.toString()));
    }

    private String invoke(String event) {
        return invoke(decide, event);
    }

    private static String invoke(DecideFunction function, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static StringBuilder raw(String file, String header) {
        return RAW.computeIfAbsent(file, f -> new StringBuilder(header).append('\n'));
    }

    private static double average(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(0);
    }
}
