package firstrefusal.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.adapters.out.dynamodb.TableLayout;
import firstrefusal.dev.DynamoDbLocal;
import firstrefusal.dev.LocalEventBus;
import firstrefusal.dev.StreamPoller;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.EmfSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The packaged {@code function.zip}, run under AWS's runtime interface client against a local Lambda Runtime API
 * and DynamoDB Local (with its stream, read as Lambda's event source mapping does), one execution environment per
 * handler; {@code notify} publishes to a local EventBridge stand-in. The table is created here, as the deployment
 * template would, because deployed functions run with {@code CAPACITY_TABLE_CREATE=false}.
 *
 * <p>The methods run in order: the status page shows what the decide function recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedFunctionIT {

    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    /** {@code -Dpackaged.native=true}: the zip holds a native {@code bootstrap}, run as the provided.al2023 runtime runs it. */
    private static final boolean NATIVE = Boolean.getBoolean("packaged.native");
    private static final Path WORK = TARGET.resolve("packaged-it");
    private static final String TABLE = "capacity-offers-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Received after the clock tick below, so it stays pending for the status page. */
    private static final String PENDING_OFFER = "coreweave-plano-1";

    private static final String BUS = "first-refusal-it";

    private DynamoDbLocal dynamoDbLocal;
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;
    private LocalEventBus bus;
    private StreamPoller stream;
    /** The clock tick that lapses SoftBank's offer: its notice moved the deadline to the day the test ran. */
    private Instant lastTick;
    private Path taskRoot;
    private final Map<String, PackagedFunction> functions = new LinkedHashMap<>();

    @BeforeAll
    void startDynamoDbLocalAndUnpackTheZip() {
        dynamoDbLocal = DynamoDbLocal.start(DynamoDbLocalResource.freePort());
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        dynamoDb.createTable(TableLayout.definition(TABLE));
        streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        bus = LocalEventBus.start(0);
        stream = new StreamPoller(streams, StreamPoller.streamArn(dynamoDb, TABLE), 100, "us-east-1");
        taskRoot = PackagedFunction.unpack(TARGET.resolve("function.zip"), WORK.resolve("task-root"));
    }

    @AfterAll
    void stopEverything() {
        functions.values().forEach(function -> {
            function.coldStart().ifPresent(d -> System.out.printf("%s: first answer %d ms after process start%n",
                    function.log().getFileName(), d.toMillis()));
            function.close();
        });
        if (dynamoDb != null) {
            dynamoDb.close();
            streams.close();
            bus.close();
        }
        if (dynamoDbLocal != null) {
            dynamoDbLocal.close();
        }
    }

    @Test
    @Order(1)
    void functionZipShipsTheAppButNotTheDevOnlyClassesOrDynamoDbLocal() throws IOException {
        if (NATIVE) {
            try (ZipFile zip = new ZipFile(TARGET.resolve("function.zip").toFile())) {
                assertThat(zip.stream().map(ZipEntry::getName)).as("a native zip is its bootstrap").contains("bootstrap");
            }
            return;
        }
        try (ZipFile zip = new ZipFile(TARGET.resolve("function.zip").toFile())) {
            List<String> entries = zip.stream().map(ZipEntry::getName).toList();
            assertThat(entries).contains("firstrefusal/adapters/in/DecideFunction.class",
                    "io/quarkus/runner/ApplicationImpl.class", "application.properties", "templates/status.html");
            assertThat(entries).anyMatch(name -> name.startsWith("lib/io.quarkus.quarkus-amazon-lambda-"))
                    .anyMatch(name -> name.startsWith("lib/software.amazon.awssdk.dynamodb-"));
            assertThat(entries).filteredOn(name -> name.startsWith("lib/"))
                    .noneMatch(name -> name.contains("DynamoDBLocal") || name.contains("sqlite4java")
                            || name.contains("jetty") || name.contains("runtime-interface-client"));
            assertThat(entries).as("dev-only classes (src/dev/java) left out of the zip")
                    .noneMatch(name -> name.startsWith("firstrefusal/dev/") && name.endsWith(".class"));
            assertThat(entries).noneMatch(name -> name.startsWith("com/amazonaws/services/dynamodbv2/")
                    || name.startsWith("com/almworks/sqlite4java/") || name.startsWith("org/eclipse/jetty/"));
        }
    }

    @Test
    @Order(2)
    void decideAnswersTheSpecExampleOfferWithPendingFirstRefusal() {
        JsonNode decision = decideOk("""
                {"kind": "offer", "offerId": "oracle-abilene-1", "revision": 1, "provider": "oracle",
                 "gpus": 64000, "megawatts": 200, "region": "us-tx-abilene", "workload": "TRAINING",
                 "startDate": "2025-06-01", "termMonths": 48, "pricePerGpuHourUsd": 2.10,
                 "validUntil": "2025-03-01T00:00:00Z", "receivedAt": "2025-01-21T15:00:00Z"}""");

        assertThat(decision.path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");
        assertThat(decision.path("rule").asText()).isEqualTo("FIRST_REFUSAL_REQUIRED");
        assertThat(decision.path("firstRefusalDeadline").asText()).isEqualTo("2025-02-04T15:00:00Z");
        assertThat(decision.path("duplicate").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void decideRecordsTheHoldersMatch() {
        JsonNode decision = decideOk("""
                {"kind": "holder-response", "responseId": "r-1", "offerId": "oracle-abilene-1",
                 "responder": "azure", "answer": "MATCH", "respondedAt": "2025-01-25T09:00:00Z"}""");

        assertThat(decision.path("status").asText()).isEqualTo("MATCHED_BY_HOLDER");
        assertThat(decision.path("rule").asText()).isEqualTo("HOLDER_MATCHED");
    }

    @Test
    @Order(4)
    void aPendingOfferWhoseNoticeNeverLeftIsNotLapsedByTheClock() {
        JsonNode pending = decideOk(eventBridge("Capacity Offer", "2025-01-01T00:00:00Z",
                offer("softbank-osaka-1", "softbank", "2025-01-01T00:00:00Z")));
        assertThat(pending.path("firstRefusalDeadline").asText()).isEqualTo("2025-01-15T00:00:00Z");

        // Past the deadline and its grace, but notify has not told the holder: the deadline is provisional.
        JsonNode tick = decideOk(eventBridge("Scheduled Event", "2025-01-15T00:11:00Z", "{}"));
        assertThat(tick).isEqualTo(json("{\"lapsed\": [], \"expired\": [], \"released\": [], \"reminded\": []}"));
    }

    @Test
    @Order(5)
    void aNoticeThatLeavesLateMovesTheDeadlineAndTheClockLapsesOnlyAfterTheNewOnePlusGrace() {
        // Instants on the wire are whole seconds (the deadline is when the notice left, to the second).
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        pumpNotify();
        Instant after = Instant.now();

        JsonNode notice = event("softbank-osaka-1#1").detail();
        Instant respondBy = Instant.parse(notice.path("respondBy").asText());
        assertThat(respondBy).as("the notice itself says the moved deadline: when it left, plus the window")
                .isBetween(before.plus(Duration.ofDays(14)), after.plus(Duration.ofDays(14)));
        JsonNode moved = event("softbank-osaka-1#2").detail();
        assertThat(moved.path("decision").path("rule").asText()).isEqualTo("NOTICE_LATE");
        assertThat(moved.path("decision").path("firstRefusalDeadline").asText()).isEqualTo(respondBy.toString());

        JsonNode withinGrace = decideOk(eventBridge("Scheduled Event", respondBy.plus(Duration.ofMinutes(5)).toString(), "{}"));
        assertThat(withinGrace.path("lapsed")).isEmpty();
        lastTick = respondBy.plus(Duration.ofMinutes(11));
        JsonNode afterGrace = decideOk(eventBridge("Scheduled Event", lastTick.toString(), "{}"));
        assertThat(afterGrace.path("lapsed")).isEqualTo(json("[\"softbank-osaka-1\"]"));
    }

    @Test
    @Order(6)
    void sqsBatchReportsOnlyTheMalformedRecordAsFailed() {
        String event = """
                {"Records": [%s, %s]}""".formatted(
                sqsRecord("m-good", offer(PENDING_OFFER, "coreweave", "2025-03-01T00:00:00Z"), Instant.parse("2025-03-01T00:00:01Z")),
                sqsRecord("m-bad", "{\"kind\": \"offer\", \"offerId\": \"broken-1\"", Instant.parse("2025-03-01T00:00:01Z")));

        JsonNode answer = decideOk(event);

        assertThat(answer).isEqualTo(json("{\"batchItemFailures\": [{\"itemIdentifier\": \"m-bad\"}]}"));
    }

    @Test
    @Order(7)
    void anSqsRecordDatedAheadOfItsSentTimestampByMoreThanTheSkewIsHandedBack() {
        Instant sent = Instant.parse("2025-03-02T00:00:00Z");
        String ahead = answer("r-ahead", PENDING_OFFER, "MATCH", sent.plus(Duration.ofMinutes(6)));

        JsonNode answer = decideOk("{\"Records\": [%s]}".formatted(sqsRecord("m-ahead", ahead, sent)));

        assertThat(answer).isEqualTo(json("{\"batchItemFailures\": [{\"itemIdentifier\": \"m-ahead\"}]}"));
        assertThat(keys(items(PENDING_OFFER))).as("nothing written for the refused record").noneMatch(sk -> sk.contains("r-ahead"));
    }

    @Test
    @Order(8)
    void anAnswerDatedInTimeThatReachedTheQueueAfterTheDeadlineIsLate() {
        Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant deadline = received.plus(Duration.ofDays(14));
        decideOk("{\"Records\": [%s]}".formatted(sqsRecord("m-offer", offer("google-omaha-1", "google", received.toString()), received)));
        pumpNotify(); // told at once: the deadline stays

        String inTime = answer("r-omaha", "google-omaha-1", "MATCH", received.plus(Duration.ofDays(1)));
        JsonNode answer = decideOk("{\"Records\": [%s]}".formatted(sqsRecord("m-late", inTime, deadline.plus(Duration.ofMinutes(1)))));

        assertThat(answer.path("batchItemFailures")).isEmpty();
        List<Map<String, AttributeValue>> items = items("google-omaha-1");
        Map<String, AttributeValue> decision = items.getFirst().get("decision").m();
        assertThat(decision.get("rule").s()).as("it reached the queue after the deadline: the lapse stands").isEqualTo("FIRST_REFUSAL_LAPSED");
        assertThat(decision.get("decidedAt").s()).isEqualTo(deadline.toString());
        assertThat(items).filteredOn(i -> i.get("sk").s().equals("MESSAGE#response:r-omaha")).singleElement()
                .satisfies(kept -> {
                    assertThat(kept.get("arrivedAt").s()).isEqualTo(deadline.plus(Duration.ofMinutes(1)).toString());
                    assertThat(kept.get("decision").m().get("late").bool()).as("answered late").isTrue();
                });
    }

    @Test
    @Order(9)
    void badMessageByDirectInvocationFailsWithAnErrorNamingTheField() {
        String badGpus = offer("bad-gpus-1", "oracle", "2025-01-21T15:00:00Z")
                .replace("\"gpus\": 20000", "\"gpus\": \"lots\"");

        LocalRuntimeApi.Answer answer = function("decide").invoke(badGpus);

        assertThat(answer.isError()).as("the runtime reports an invocation error").isTrue();
        JsonNode error = json(answer.body());
        assertThat(error.path("errorMessage").asText()).contains("gpus");
        assertThat(error.path("errorType").asText()).endsWith("InvalidMessageException");
        assertThat(items("bad-gpus-1")).isEmpty();
    }

    @Test
    @Order(10)
    void decisionsAreStoredAsStateHistoryAndLogItems() {
        List<Map<String, AttributeValue>> matched = items("oracle-abilene-1");

        assertThat(keys(matched)).as("the state, two decisions, and the notice notify recorded after the match")
                .containsExactly("STATE", "HISTORY#0000000001", "HISTORY#0000000002", "NOTICE#r1");
        assertThat(matched.getFirst().get("decision").m().get("status").s()).isEqualTo("MATCHED_BY_HOLDER");
        assertThat(matched.subList(1, 3)).extracting(item -> item.get("decision").m().get("rule").s())
                .containsExactly("FIRST_REFUSAL_REQUIRED", "HOLDER_MATCHED");
        assertThat(matched.subList(1, 3)).allSatisfy(item -> assertThat(item.get("decision").m()).containsKey("recordedAt"));
        assertThat(items("softbank-osaka-1")).extracting(item -> item.get("sk").s() + " "
                        + (item.containsKey("decision") ? item.get("decision").m().get("rule").s() : ""))
                .containsExactly("STATE FIRST_REFUSAL_LAPSED", "HISTORY#0000000001 FIRST_REFUSAL_REQUIRED",
                        "HISTORY#0000000002 NOTICE_LATE", "HISTORY#0000000003 FIRST_REFUSAL_LAPSED", "NOTICE#r1 NOTICE_LATE");
        assertThat(items(PENDING_OFFER).getFirst().get("decision").m().get("status").s()).isEqualTo("PENDING_FIRST_REFUSAL");
    }

    @Test
    @Order(11)
    void statusPageServesTheOutstandingOffersAsHtml() {
        assertThat(pageBody("/", "text/html", "text/html")).contains(PENDING_OFFER);
    }

    @Test
    @Order(12)
    void statusPageServesItsJsonTwin() {
        assertThat(json(pageBody("/api/outstanding", "*/*", "application/json")).toString()).contains(PENDING_OFFER);
    }

    @Test
    @Order(13)
    void statusPageShowsOneOfferAndNotFoundForAnUnknownOne() {
        JsonNode known = page("/offers/oracle-abilene-1", "text/html");
        assertThat(known.path("statusCode").asInt()).isEqualTo(200);
        assertThat(known.path("body").asText()).contains("oracle-abilene-1", "HOLDER_MATCHED");

        assertThat(page("/offers/no-such-offer", "text/html").path("statusCode").asInt()).isEqualTo(404);
    }

    /**
     * Every page renders in the artifact as shipped: the templates are the Qute extension's, their values read by the
     * resolvers it generated at build time (page/Templates); in a native image an expression left to Qute's reflection
     * fallback fails (TemplatesWithoutReflectionTest finds those on the JVM).
     */
    @Test
    @Order(13)
    void everyPageRendersInTheArtifactAsShipped() {
        assertThat(pageBody("/decisions", "text/html", "text/html")).contains("oracle-abilene-1", "HOLDER_MATCHED");
        assertThat(pageBody("/agreement", "text/html", "text/html")).contains("2025-01-21");
        // AGI declared the day after the offer arrived releases it before the holder's match: the page lists the shift.
        // (A shorter window would not: the replay uses the notices on record, and the holder was told of this offer only
        // when notify first ran, so its window runs from then.)
        assertThat(pageBody("/what-if?agi-declared-at=2025-01-22T00:00:00Z", "text/html", "text/html"))
                .contains("What if", "oracle-abilene-1", "after AGI was declared");
    }

    @Test
    @Order(14)
    void notifyPublishesEveryRecordedDecisionFromTheTablesStream() {
        pumpNotify();

        Map<String, List<String>> byOffer = new LinkedHashMap<>();
        bus.received().stream().filter(e -> !e.detailType().equals("Record Digest")).forEach(e -> byOffer.computeIfAbsent(e.detail().path("offerId").asText(), k -> new java.util.ArrayList<>())
                .add(e.detailType() + " " + e.eventId() + " " + e.detail().path("decision").path("rule").asText()));
        assertThat(byOffer).containsExactly(
                Map.entry("oracle-abilene-1", List.of("First Refusal Requested oracle-abilene-1#1 FIRST_REFUSAL_REQUIRED",
                        "Offer Decided oracle-abilene-1#2 HOLDER_MATCHED")),
                Map.entry("softbank-osaka-1", List.of("First Refusal Requested softbank-osaka-1#1 FIRST_REFUSAL_REQUIRED",
                        "Offer Decided softbank-osaka-1#2 NOTICE_LATE", "Offer Decided softbank-osaka-1#3 FIRST_REFUSAL_LAPSED")),
                Map.entry(PENDING_OFFER, List.of("First Refusal Requested " + PENDING_OFFER + "#1 FIRST_REFUSAL_REQUIRED",
                        "Offer Decided " + PENDING_OFFER + "#2 NOTICE_LATE")),
                Map.entry("google-omaha-1", List.of("First Refusal Requested google-omaha-1#1 FIRST_REFUSAL_REQUIRED",
                        "Offer Decided google-omaha-1#2 FIRST_REFUSAL_LAPSED")));
        assertThat(bus.received()).allSatisfy(e -> {
            assertThat(e.bus()).isEqualTo(BUS);
            assertThat(e.source()).isEqualTo("first-refusal");
        });
        // The clock's ticks digested the record too: each digest once, numbered on, chained to the one before.
        List<JsonNode> digests = bus.received().stream().filter(e -> e.detailType().equals("Record Digest")).map(e -> e.detail()).toList();
        assertThat(digests).isNotEmpty();
        for (int i = 0; i < digests.size(); i++) {
            assertThat(digests.get(i).path("digestId").asLong()).isEqualTo(i + 1);
            assertThat(digests.get(i).path("root").asText()).matches("[0-9a-f]{64}");
            assertThat(digests.get(i).path("previous")).isEqualTo(i == 0 ? com.fasterxml.jackson.databind.node.NullNode.instance
                    : digests.get(i - 1).path("hash"));
        }
        JsonNode lapse = event("softbank-osaka-1#3").detail();
        assertThat(lapse.path("offer").path("providerName").asText()).isEqualTo("SoftBank");
        assertThat(lapse.path("holder").asText()).isEqualTo("azure");
        assertThat(event("google-omaha-1#1").detail().path("respondBy").asText()).as("told at once: the deadline stands")
                .isEqualTo(event("google-omaha-1#1").detail().path("decision").path("firstRefusalDeadline").asText());
    }

    @Test
    @Order(15)
    void notifyRefusesAStreamEventWithoutSequenceNumbersNamingTheField() {
        LocalRuntimeApi.Answer answer = function("notify").invoke("{\"Records\": [{\"eventName\": \"INSERT\", \"dynamodb\": {}}]}");

        assertThat(answer.isError()).isTrue();
        assertThat(json(answer.body()).path("errorMessage").asText()).startsWith("Records[0].dynamodb.SequenceNumber: is required");
    }

    @Test
    @Order(16)
    void decideLogsJsonLinesWithTheInvocationsFieldsAndEmfMetricsForOfferAnswerTickAndBadMessage() throws IOException {
        List<JsonNode> lines = jsonLines(function("decide").log());
        List<JsonNode> logs = lines.stream().filter(l -> l.has("message")).toList();
        List<JsonNode> emf = lines.stream().filter(l -> l.has("_aws")).toList();
        emf.forEach(EmfSchema::assertValid);

        JsonNode offer = logs.stream().filter(l -> l.path("message").asText().startsWith("oracle-abilene-1 offer:1")).findFirst().orElseThrow();
        assertThat(offer.path("level").asText()).isEqualTo("INFO");
        assertThat(offer.path("loggerName").asText()).isEqualTo("firstrefusal.adapters.in.DecideFunction");
        assertThat(offer.path("mdc").path("offerId").asText()).isEqualTo("oracle-abilene-1");
        assertThat(offer.path("mdc").path("messageKey").asText()).isEqualTo("offer:1");
        assertThat(offer.path("mdc").path("rule").asText()).isEqualTo("FIRST_REFUSAL_REQUIRED");
        assertThat(offer.path("mdc").path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");
        assertThat(offer.path("mdc").path("requestId").asText()).isNotBlank();
        assertThat(offer.path("timestamp").asText()).endsWith("Z");

        JsonNode answer = logs.stream().filter(l -> l.path("message").asText().startsWith("oracle-abilene-1 response:r-1")).findFirst()
                .orElseThrow();
        assertThat(answer.path("mdc").path("messageKey").asText()).isEqualTo("response:r-1");
        assertThat(answer.path("mdc").path("status").asText()).isEqualTo("MATCHED_BY_HOLDER");
        assertThat(answer.path("mdc").path("rule").asText()).isEqualTo("HOLDER_MATCHED");
        JsonNode clockLine = logs.stream().filter(l -> l.path("message").asText().startsWith("clock " + lastTick)).findFirst()
                .orElseThrow();
        assertThat(clockLine.path("message").asText()).contains("lapsed [softbank-osaka-1]");
        assertThat(clockLine.path("mdc").path("requestId").asText()).isNotBlank();
        assertThat(clockLine.path("mdc").has("offerId")).as("a tick is about no one offer").isFalse();

        assertThat(metric(emf, "Decisions", "Rule", "FIRST_REFUSAL_REQUIRED")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.path("Decisions").asDouble()).isEqualTo(1.0));
        assertThat(metric(emf, "Decisions", "Status", "MATCHED_BY_HOLDER")).isNotEmpty();
        // Matched 2025-01-25T09:00Z on an offer received 2025-01-21T15:00Z: 3 days 18 hours.
        assertThat(metric(emf, "HolderResponseTime", "Rule", "HOLDER_MATCHED")).singleElement()
                .satisfies(d -> assertThat(d.path("HolderResponseTime").asDouble()).isEqualTo(Duration.ofHours(90).toSeconds()));
        List<JsonNode> ticks = emf.stream().filter(d -> d.has("OffersAwaitingHolder") && !d.has("Provider")).toList();
        assertThat(ticks.getFirst().path("OffersPastDeadlineWithoutNotice").asDouble())
                .as("the first tick: SoftBank's offer past its provisional deadline, its notice not yet recorded").isEqualTo(1.0);
        assertThat(ticks.getFirst().path("OffersLapsed").asDouble()).isZero();
        assertThat(ticks.getLast().path("OffersLapsed").asDouble()).isEqualTo(1.0);
        assertThat(ticks.getLast().path("OffersPastDeadlineWithoutNotice").asDouble()).isZero();
        assertThat(ticks.getLast().path("GpusAwaitingHolder").isNumber()).isTrue();
        assertThat(metric(emf, "RejectedMessages", "Field", "gpus")).as("the bad direct message").isNotEmpty();
        assertThat(metric(emf, "RejectedMessages", "Field", "body")).as("the broken SQS record").isNotEmpty();
        assertThat(metric(emf, "Decisions", "Rule", "FIRST_REFUSAL_LAPSED")).as("the clock's lapse, counted as a decision")
                .anySatisfy(d -> assertThat(d.path("offerId").asText()).isEqualTo("softbank-osaka-1"));

        JsonNode rejected = logs.stream().filter(l -> l.path("message").asText().startsWith("message rejected: gpus")).findFirst().orElseThrow();
        assertThat(rejected.path("level").asText()).isEqualTo("WARN");
        assertThat(rejected.path("mdc").path("field").asText()).isEqualTo("gpus");
        JsonNode badRecord = logs.stream().filter(l -> l.path("mdc").path("sqsMessageId").asText().equals("m-bad")).findFirst().orElseThrow();
        assertThat(badRecord.path("message").asText()).startsWith("message rejected: body");

        List<JsonNode> notices = jsonLines(function("notify").log()).stream().filter(l -> l.has("NoticeLag")).toList();
        notices.forEach(EmfSchema::assertValid);
        assertThat(notices).isNotEmpty().allSatisfy(d -> assertThat(d.path("NoticesPublished").asDouble()).isGreaterThan(0));
    }

    @Test
    @Order(17)
    void invalidPolicyFailsTheInitAndTheLogNamesTheKey() throws IOException {
        assertInitFails(options("first-refusal-invalid-policy", "decide").withEnvironment("POLICY_HOLDER", "nobody"),
                "Invalid policy: policy.holder 'nobody'");
    }

    @Test
    @Order(19)
    void theStatusPageWithoutItsCursorKeyFailsTheInitAndTheLogNamesTheKey() throws IOException {
        // The status page's usual options, which carry no cursor key (function() adds one).
        assertInitFails(options("first-refusal-page-without-key", "status-page"), "status-page.cursor-key (STATUS_PAGE_CURSOR_KEY) is not set");
    }

    /** The function's init fails, as Lambda sees it, and its log (CloudWatch) says why in {@code why}. */
    private static void assertInitFails(PackagedFunction.Options options, String why) throws IOException {
        try (PackagedFunction function = PackagedFunction.start(options)) {
            if (NATIVE) {
                // The native bootstrap is Quarkus' own poll loop: a failed start-up ends the process at once, which
                // Lambda reports as the failed init (Runtime.ExitError), whether or not /init/error was posted first.
                assertThat(function.exitCode(Duration.ofSeconds(60))).as("the bootstrap exits after a failed init")
                        .hasValueSatisfying(code -> assertThat(code).isNotZero());
                assertThat(function.init()).as("it never asked for an event").isEmpty();
            } else {
                LocalRuntimeApi.Answer initError = function.awaitInitError(Duration.ofSeconds(60));

                // The runtime interface client posts only the outermost exception, Quarkus' "Quarkus manual
                // initialization failed"; the cause, which names the key, goes to the function's log (CloudWatch).
                assertThat(json(initError.body()).path("errorMessage").asText()).isNotBlank();
                assertThat(function.exitCode(Duration.ofSeconds(10))).as("the runtime exits after a failed init")
                        .hasValueSatisfying(code -> assertThat(code).isNotZero());
            }
            assertThat(Files.readString(function.log())).contains(why);
        }
    }

    @Test
    @Order(18)
    void withTheShippedRevisionSwitchedOnThirdPartyCapacityNeedsNoFirstRefusalAndNationalSecurityApiIsExempt() {
        PackagedFunction.Options options = options("first-refusal-decide-revised", "decide")
                .withEnvironment("POLICY_SHIPPED_AMENDMENTS", "2025-10-28");
        try (PackagedFunction revised = PackagedFunction.start(options)) {
            String received = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            LocalRuntimeApi.Answer training = revised.invoke(offer("oracle-stargate-abilene-9", "oracle", received));
            assertThat(training.isError()).as(training.body()).isFalse();
            JsonNode decision = json(training.body());
            assertThat(decision.path("status").asText()).isEqualTo("APPROVED");
            assertThat(decision.path("rule").asText()).isEqualTo("NO_FIRST_REFUSAL");
            assertThat(decision.path("policyVersion").asText()).isEqualTo("2025-10-28");

            String api = offer("google-api-ns-1", "google", received).replace("\"workload\": \"TRAINING\"",
                    "\"workload\": \"API\", \"customer\": \"us-national-security\"");
            JsonNode exempt = json(revised.invoke(api).body());
            assertThat(exempt.path("status").asText()).isEqualTo("APPROVED");
            assertThat(exempt.path("rule").asText()).isEqualTo("API_CUSTOMER_EXEMPT");
            assertThat(exempt.path("policyVersion").asText()).isEqualTo("2025-10-28");

            String otherApi = offer("google-api-acme-1", "google", received).replace("\"workload\": \"TRAINING\"",
                    "\"workload\": \"API\", \"customer\": \"acme\"");
            assertThat(json(revised.invoke(otherApi).body()).path("rule").asText()).isEqualTo("API_EXCLUSIVE_TO_HOLDER");
        }
    }

    /** The lines of a function's log that are JSON objects: its log records and its EMF documents. */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).map(PackagedFunctionIT::json).toList();
    }

    /** EMF documents of one metric with one dimension value. */
    private static List<JsonNode> metric(List<JsonNode> emf, String metric, String dimension, String value) {
        return emf.stream().filter(d -> d.has(metric) && d.path(dimension).asText().equals(value)).toList();
    }

    /** One execution environment per handler, started on first use and kept warm, as Lambda would. */
    private PackagedFunction function(String handler) {
        return functions.computeIfAbsent(handler, h -> PackagedFunction.start(h.equals("status-page")
                ? options("first-refusal-" + h, h).withEnvironment("STATUS_PAGE_CURSOR_KEY", "a-key-for-this-run-only")
                : options("first-refusal-" + h, h)));
    }

    private PackagedFunction.Options options(String functionName, String handler) {
        PackagedFunction.Options base = PackagedFunction.Options.of(functionName, taskRoot, WORK.resolve(functionName + ".log"));
        return (NATIVE ? base.asNative() : base)
                .withEnvironment("QUARKUS_LAMBDA_HANDLER", handler)
                .withEnvironment("CAPACITY_TABLE", TABLE)
                .withEnvironment("CAPACITY_TABLE_CREATE", "false")
                .withEnvironment("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbLocal.endpoint())
                .withEnvironment("CAPACITY_EVENTS_BUS", BUS)
                .withEnvironment("CAPACITY_EVENTS_ENDPOINT_OVERRIDE", bus.endpoint());
    }

    private JsonNode decideOk(String event) {
        LocalRuntimeApi.Answer answer = function("decide").invoke(event);
        assertThat(answer.isError()).as("invocation error: %s", answer.body()).isFalse();
        return json(answer.body());
    }

    /** The body of a 200 answer of the given content type. */
    private String pageBody(String path, String accept, String contentType) {
        JsonNode response = page(path, accept);
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).startsWith(contentType);
        return response.path("body").asText();
    }

    private JsonNode page(String path, String accept) {
        LocalRuntimeApi.Answer answer = function("status-page").invoke(functionUrlGet(path, accept));
        assertThat(answer.isError()).as("invocation error: %s", answer.body()).isFalse();
        return json(answer.body());
    }

    /** All items of one offer, the state first, then the history in recording order. */
    private List<Map<String, AttributeValue>> items(String offerId) {
        List<Map<String, AttributeValue>> items = dynamoDb.query(q -> q.tableName(TABLE).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#" + offerId)))).items();
        // The sort key orders HISTORY#... before STATE.
        return items.isEmpty() ? items : Stream.concat(Stream.of(items.getLast()),
                items.subList(0, items.size() - 1).stream()).toList();
    }

    private static List<String> keys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> item.get(TableLayout.SK).s()).toList();
    }

    // --- events as AWS delivers them ---

    private static String offer(String offerId, String provider, String receivedAt) {
        return """
                {"kind": "offer", "offerId": "%s", "provider": "%s", "gpus": 20000, "megawatts": 60,
                 "region": "us-tx-plano", "workload": "TRAINING", "startDate": "2025-09-01", "termMonths": 36,
                 "pricePerGpuHourUsd": 2.35, "receivedAt": "%s"}""".formatted(offerId, provider, receivedAt);
    }

    /** An EventBridge event; a rule targets the function with the whole event. */
    private static String eventBridge(String detailType, String time, String detail) {
        return """
                {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "%s",
                 "source": "%s", "account": "000000000000", "time": "%s", "region": "us-east-1",
                 "resources": [], "detail": %s}""".formatted(detailType,
                detailType.equals("Scheduled Event") ? "aws.events" : "capacity.offers", time, detail);
    }

    /** An SQS record as Lambda delivers it; {@code sent} is its SentTimestamp, when it reached the queue. */
    private static String sqsRecord(String messageId, String body, Instant sent) {
        return """
                {"messageId": "%s", "receiptHandle": "AQEB-%s", "body": %s,
                 "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "%d",
                   "SenderId": "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp": "%d"},
                 "messageAttributes": {}, "md5OfBody": "0", "eventSource": "aws:sqs",
                 "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:capacity-offers", "awsRegion": "us-east-1"}"""
                .formatted(messageId, messageId, JSON.valueToTree(body).toString(), sent.toEpochMilli(), sent.toEpochMilli() + 1);
    }

    private static String answer(String responseId, String offerId, String answer, Instant at) {
        return """
                {"kind": "holder-response", "responseId": "%s", "offerId": "%s", "responder": "azure",
                 "answer": "%s", "respondedAt": "%s"}""".formatted(responseId, offerId, answer, at);
    }

    /**
     * Hands everything new on the table's stream to {@code notify}, as Lambda's event source mapping does, until the
     * stream is quiet (a notice notify records is a new entry on the stream too).
     */
    private void pumpNotify() {
        for (int round = 0; round < 5; round++) {
            List<StreamPoller.Delivery> deliveries = stream.poll(event -> {
                LocalRuntimeApi.Answer answer = function("notify").invoke(event);
                assertThat(answer.isError()).as("invocation error: %s", answer.body()).isFalse();
                return answer.body();
            });
            assertThat(deliveries).allMatch(d -> d.failedAt().isEmpty());
            if (deliveries.isEmpty()) {
                return;
            }
        }
    }

    /** The one event with this id the bus received. */
    private LocalEventBus.Entry event(String eventId) {
        return bus.received().stream().filter(e -> e.eventId().equals(eventId)).reduce((a, b) -> {
            throw new AssertionError(eventId + " received twice");
        }).orElseThrow(() -> new AssertionError("no event " + eventId + " among " + bus.received().stream().map(LocalEventBus.Entry::eventId).toList()));
    }

    private static String functionUrlGet(String pathAndQuery, String accept) {
        return AwsEvents.functionUrlGet(pathAndQuery, accept);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
