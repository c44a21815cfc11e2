package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.adapters.out.dynamodb.TableSeeder;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What one visitor's request may read, on a table holding more than the page's bounds allow: the what-if and the
 * past as-of over more offers than one replay reads, the CSV over more decisions than one export sends, and a
 * filtered page whose one match sits behind many decisions that do not match. Each is answered from a bounded number
 * of DynamoDB requests (counted by the SDK interceptor): a 400 that says how to narrow the request, or a short page
 * with a cursor. The counts go to {@code target/bounded-reads.txt} for BENCHMARKS.
 *
 * <p>The bounds are scaled down here (a replay of 1,000 offers, an export of 1,000 rows) so the table seeds in
 * seconds; {@code -Dbounded-reads.defaults=true} runs the same at the shipped bounds over 10,500 offers.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedReadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean DEFAULTS = Boolean.getBoolean("bounded-reads.defaults");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String[] PROVIDERS = {"oracle", "softbank", "coreweave", "google"};

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Inject
    StatusPageConfig shipped;

    private FreshTable table;
    private PageRoutes page;
    private StatusPageConfig config;
    private int offers;
    private final Map<String, String> figures = new LinkedHashMap<>();

    @BeforeAll
    void moreOffersThanOneRequestMayRead() {
        config = DEFAULTS ? shipped : scaled(shipped, Map.of("maxReplayOffers", 1_000, "maxCsvRows", 1_000, "maxCsvReads", 10));
        offers = config.maxReplayOffers() * 3 / 2;
        table = FreshTable.create(client, policy, "bounded-reads");
        TableSeeder seeder = new TableSeeder(client, table.name(), policy);
        // The one Stargate-declined offer is the oldest decision: every other Stargate offer was matched.
        for (int i = 0; i < offers; i++) {
            String id = "bounded-" + i;
            Instant received = START.plusSeconds(60L * i);
            boolean needle = i == 0;
            String provider = needle || i % 2 == 1 ? "stargate" : PROVIDERS[i % PROVIDERS.length];
            Workload workload = provider.equals("stargate") ? Workload.PRODUCT : Workload.TRAINING;
            seeder.offer(Offers.offer(id).provider(provider).workload(workload).receivedAt(received).build(),
                    new HolderResponse("r-" + id, id, "azure", needle ? Answer.DECLINE : Answer.MATCH, received.plusSeconds(30)));
        }
        seeder.flush();
        page = new PageRoutes(table.store(), table.ledger(), table.proofs(), Agreement.of(policy), Clock.fixed(NOW, ZoneOffset.UTC), config);
    }

    @AfterAll
    void writeFiguresAndDropTable() throws IOException {
        table.drop();
        StringBuilder out = new StringBuilder("# BoundedReadsTest: " + offers + " offers, " + (DEFAULTS ? "shipped" : "scaled")
                + " bounds (replay " + config.maxReplayOffers() + " offers, export " + config.maxCsvRows() + " rows in "
                + config.maxCsvReads() + " requests, " + config.maxReadsPerPage() + " requests a page)\n");
        figures.forEach((request, usage) -> out.append(request).append(" | ").append(usage).append('\n'));
        Files.writeString(Path.of("target", "bounded-reads" + (DEFAULTS ? "-defaults" : "") + ".txt"), out);
    }

    @Test
    void aWhatIfOverMoreOffersThanOneReplayReadsIsRefusedSayingHowToNarrowIt() {
        PageResponse refused = measured("GET /api/what-if (no range)", "/api/what-if", Map.of(), replayBound());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).startsWith("from: more than").contains("narrow it with from and to");
        PageResponse sixHours = measured("GET /api/what-if?from=2026-01-01T00:00Z&to=2026-01-01T05:59Z", "/api/what-if",
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-01T05:59:59Z"), replayBound());
        assertThat(sixHours.status()).as(sixHours.body()).isEqualTo(200);
        assertThat(json(sixHours).path("offers").asInt()).as("offers first received in the first six hours").isEqualTo(360);
    }

    @Test
    void aPastAsOfOverMoreOffersThanOneReplayReadsIsRefusedNamingAsOf() {
        PageResponse refused = measured("GET /api/outstanding?asOf=2026-05-01 (lookback over every offer)", "/api/outstanding",
                Map.of("asOf", "2026-05-01"), replayBound());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).startsWith("asOf: more than");
    }

    @Test
    void anExportOfMoreDecisionsThanOneExportSendsIsRefusedSayingHowToNarrowIt() {
        PageResponse refused = measured("GET /decisions.csv (no range)", "/decisions.csv", Map.of(), exportBound());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("narrow it with from and to");
        PageResponse oneHour = measured("GET /decisions.csv?from=2026-01-01T00:00Z&to=2026-01-01T00:59Z", "/decisions.csv",
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-01T00:59:59Z"), exportBound());
        assertThat(oneHour.status()).as(oneHour.body()).isEqualTo(200);
        assertThat(oneHour.body().lines().count()).as("a header and the 60 offers' two decisions each").isEqualTo(1 + 120);
    }

    @Test
    void aRareMatchBehindManyOthersIsReachedPageByPageEachWithinItsReads() {
        Map<String, String> query = new HashMap<>(Map.of("provider", "stargate", "rule", "HOLDER_DECLINED"));
        int pages = 0;
        long mostRequests = 0;
        boolean anyShort = false;
        JsonNode found = null;
        while (found == null && pages < 1_000) {
            pages++;
            long[] requests = {0};
            PageResponse[] response = new PageResponse[1];
            DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(
                    () -> response[0] = page.handle(new PageRequest("GET", "/api/decisions", query, "application/json")));
            requests[0] = usage.totalRequests();
            mostRequests = Math.max(mostRequests, requests[0]);
            assertThat(requests[0]).as("page %d: within the reads of a page", pages).isLessThanOrEqualTo(config.maxReadsPerPage());
            JsonNode body = json(response[0]);
            if (body.path("decisions").isEmpty()) {
                anyShort = true;
                assertThat(body.path("next").isTextual()).as("a page that found nothing yet still says where to go on").isTrue();
                query.put("next", body.path("next").asText());
            } else {
                found = body.path("decisions").get(0);
            }
        }
        figures.put("GET /api/decisions?provider=stargate&rule=HOLDER_DECLINED (one match, the oldest)",
                pages + " pages, at most " + mostRequests + " Query requests each");
        assertThat(found).as("the one match").isNotNull();
        assertThat(found.path("offerId").asText()).isEqualTo("bounded-0");
        assertThat(anyShort).as("pages before it ended early, at their reads, rather than reading on").isTrue();

        PageResponse html = page.handle(new PageRequest("GET", "/decisions", Map.of("provider", "stargate", "rule", "HOLDER_DECLINED"), "text/html"));
        assertThat(html.body()).as("the page says it stopped, and how to go on").contains("id=\"reads-spent\"")
                .contains("older decisions may still match").doesNotContain("No decision matches these filters");
    }

    /** Every item of an offer is in the replay index (state, two decisions, a notice), and pages are of 1,000 items. */
    private long replayBound() {
        return config.maxReplayOffers() * 4L + 1_000;
    }

    /** The rows sent, and pages of 1,000 decisions: one page beyond the bound at most. */
    private long exportBound() {
        return config.maxCsvRows() + 1_001L;
    }

    private PageResponse measured(String label, String path, Map<String, String> query, long itemBound) {
        PageResponse[] response = new PageResponse[1];
        DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(
                () -> response[0] = page.handle(new PageRequest("GET", path, query, path.startsWith("/api/") ? "application/json" : "text/html")));
        figures.put(label, response[0].status() + ", " + usage.requests() + ", " + usage.itemsRead() + " items read");
        assertThat(usage.itemsRead()).as("%s: items read, within the bound", label).isLessThanOrEqualTo(itemBound);
        return response[0];
    }

    private static JsonNode json(PageResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped configuration with some bounds scaled down. */
    private static StatusPageConfig scaled(StatusPageConfig base, Map<String, Integer> bounds) {
        return (StatusPageConfig) Proxy.newProxyInstance(StatusPageConfig.class.getClassLoader(), new Class<?>[] {StatusPageConfig.class},
                (proxy, method, args) -> bounds.containsKey(method.getName()) ? bounds.get(method.getName()) : method.invoke(base, args));
    }
}
