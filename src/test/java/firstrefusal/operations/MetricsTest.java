package firstrefusal.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Outstanding;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Terms;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.operations.EmfDocument.Unit;
import firstrefusal.support.EmfSchema;
import firstrefusal.wire.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The metrics as the EMF lines they write: each held to the format's schema, then read back as CloudWatch would. */
class MetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Policy POLICY = TestPolicies.defaultContract();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Metrics metrics = new Metrics(true, Clock.fixed(NOW, ZoneOffset.UTC),
            new PrintStream(out, true, StandardCharsets.UTF_8));

    @Test
    void aDecisionIsCountedByRuleAndByStatusWithTheOfferIdAsAProperty() {
        metrics.decision(entry(decision(Status.PENDING_FIRST_REFUSAL, Rule.FIRST_REFUSAL_REQUIRED, NOW), null));

        JsonNode doc = documents().getFirst();
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo(Metrics.NAMESPACE);
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Rule\"],[\"Status\"]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"Decisions\",\"Unit\":\"Count\"}]");
        assertThat(doc.path("Rule").asText()).isEqualTo("FIRST_REFUSAL_REQUIRED");
        assertThat(doc.path("Status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");
        assertThat(doc.path("Decisions").asLong()).isEqualTo(1);
        assertThat(doc.path("offerId").asText()).isEqualTo("oracle-abilene-1");
    }

    @Test
    void aHolderAnswerAlsoRecordsHowLongTheHolderTookFromTheWindowsOpening() {
        Instant opened = NOW.minus(Duration.ofHours(30));
        Window window = Window.open(new Terms(1, 64_000, java.math.BigDecimal.ONE), opened, POLICY);
        metrics.decision(entry(new Decision("oracle-abilene-1", 1, "oracle", Status.MATCHED_BY_HOLDER, Rule.HOLDER_MATCHED, "matched",
                window.deadline(), false, NOW, "v", false, false), window));

        List<JsonNode> docs = documents();
        assertThat(docs).hasSize(2);
        JsonNode took = docs.get(1);
        assertThat(took.path("HolderResponseTime").asLong()).isEqualTo(Duration.ofHours(30).toSeconds());
        assertThat(took.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText()).isEqualTo("Seconds");
        assertThat(took.path("Rule").asText()).isEqualTo("HOLDER_MATCHED");
    }

    @Test
    void aClockTickWritesTheTotalsWithoutDimensionsAndOneDocumentPerProvider() {
        Outstanding outstanding = new Outstanding(3, 120_000, Map.of("oracle", new Outstanding.Totals(2, 100_000),
                "coreweave", new Outstanding.Totals(1, 20_000)), 1, 2);
        metrics.clock(new ClockSummary(List.of("a"), List.of(), List.of("d"), List.of("b", "c"), outstanding));

        List<JsonNode> docs = documents();
        assertThat(docs).hasSize(3);
        JsonNode totals = docs.getFirst();
        assertThat(totals.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .as("the empty dimension set: metrics without dimensions").isEqualTo("[[]]");
        assertThat(totals.path(Metrics.CLOCK_HEARTBEAT).asLong()).as("a tick that ran").isEqualTo(1);
        assertThat(totals.path(Metrics.OFFERS_AWAITING_HOLDER).asLong()).isEqualTo(3);
        assertThat(totals.path(Metrics.GPUS_AWAITING_HOLDER).asLong()).isEqualTo(120_000);
        assertThat(totals.path(Metrics.OFFERS_DUE_WITHIN_24H).asLong()).isEqualTo(1);
        assertThat(totals.path(Metrics.REMINDERS_SENT).asLong()).isEqualTo(2);
        assertThat(totals.path(Metrics.OFFERS_LAPSED).asLong()).isEqualTo(1);
        assertThat(totals.path(Metrics.OFFERS_EXPIRED).asLong()).isZero();
        assertThat(totals.path(Metrics.OFFERS_RELEASED).asLong()).isEqualTo(1);
        assertThat(totals.path(Metrics.OFFERS_PAST_DEADLINE_WITHOUT_NOTICE).asLong()).isEqualTo(2);
        assertThat(docs.subList(1, 3)).extracting(d -> d.path("Provider").asText() + "=" + d.path(Metrics.GPUS_AWAITING_HOLDER).asLong())
                .containsExactlyInAnyOrder("oracle=100000", "coreweave=20000");
    }

    @Test
    void aFailedClockTickBeatsZeroAndClaimsNothingAboutWhatAwaitsTheHolder() {
        metrics.clockFailed();

        JsonNode doc = documents().getFirst();
        assertThat(doc.path(Metrics.CLOCK_HEARTBEAT).isNumber()).isTrue();
        assertThat(doc.path(Metrics.CLOCK_HEARTBEAT).asLong()).isZero();
        assertThat(doc.has(Metrics.OFFERS_DUE_WITHIN_24H)).as("no figure the deadline alarm would take as all clear").isFalse();
        assertThat(doc.has(Metrics.OFFERS_AWAITING_HOLDER)).isFalse();
    }

    @Test
    void noticeLagsGoAHundredValuesToADocumentTheFormatsMost() {
        List<Duration> lags = IntStream.range(0, 250).mapToObj(Duration::ofMillis).toList();
        metrics.notices(lags, 4);

        List<JsonNode> docs = documents();
        assertThat(docs).extracting(d -> d.path(Metrics.NOTICE_LAG).size()).containsExactly(100, 100, 50);
        assertThat(docs.getFirst().path(Metrics.NOTICES_PUBLISHED).asLong()).isEqualTo(250);
        assertThat(docs.getFirst().path(Metrics.NOTICES_NOT_PUBLISHED).asLong()).isEqualTo(4);
        assertThat(docs.get(2).path(Metrics.NOTICE_LAG).get(49).asLong()).isEqualTo(249);
    }

    @Test
    void aBatchWithNothingPublishedStillReportsItsCounts() {
        metrics.notices(List.of(), 2);

        assertThat(documents()).singleElement().satisfies(d -> {
            assertThat(d.path(Metrics.NOTICES_NOT_PUBLISHED).asLong()).isEqualTo(2);
            assertThat(d.has(Metrics.NOTICE_LAG)).isFalse();
        });
    }

    @Test
    void aRejectedMessageIsCountedByTheFieldAtFault() {
        metrics.rejected("gpus");

        assertThat(documents()).singleElement().satisfies(d -> assertThat(d.path("Field").asText()).isEqualTo("gpus"));
    }

    @Test
    void switchedOffNothingIsWritten() {
        Metrics off = new Metrics(false, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8));
        off.decision(entry(decision(Status.PENDING_FIRST_REFUSAL, Rule.FIRST_REFUSAL_REQUIRED, NOW), null));
        off.rejected("gpus");

        assertThat(out.size()).isZero();
    }

    @Test
    void aDocumentRefusesWhatTheFormatDoesNotAllow() {
        EmfDocument doc = new EmfDocument("X");
        IntStream.range(0, EmfDocument.MAX_METRICS).forEach(i -> doc.metric("m" + i, i, Unit.COUNT));
        assertThatThrownBy(() -> doc.metric("one-more", 1, Unit.COUNT)).hasMessageContaining("more than 100 metrics");

        EmfDocument values = new EmfDocument("X");
        Collections.nCopies(EmfDocument.MAX_VALUES, 1L).forEach(v -> values.metric("lag", v, Unit.MILLISECONDS));
        assertThatThrownBy(() -> values.metric("lag", 1, Unit.MILLISECONDS)).hasMessageContaining("100 values");
        assertThatThrownBy(() -> values.metric("lag", 1, Unit.SECONDS)).hasMessageContaining("Milliseconds, not Seconds");
    }

    @Test
    void theSchemaCatchesABrokenDocument() {
        JsonNode broken = WireJson.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"X\","
                + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Parsecs\"}]}]},\"m\":1}", "doc");

        assertThatThrownBy(() -> EmfSchema.assertValid(broken)).hasMessageContaining("schema errors");
    }

    private static Decision decision(Status status, Rule rule, Instant at) {
        return new Decision("oracle-abilene-1", 1, "oracle", status, rule, "first refusal", at.plus(POLICY.firstRefusalWindow()),
                false, at, "v", false, false);
    }

    private static HistoryEntry entry(Decision decision, Window window) {
        return new HistoryEntry(1, decision, null, "offer:1", window);
    }

    /** Every line written, each a valid EMF document. */
    private List<JsonNode> documents() {
        List<JsonNode> docs = out.toString(StandardCharsets.UTF_8).lines().map(line -> WireJson.parse(line, "EMF line")).toList();
        docs.forEach(EmfSchema::assertValid);
        return docs;
    }
}
