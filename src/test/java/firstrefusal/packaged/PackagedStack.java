package firstrefusal.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.adapters.out.dynamodb.TableLayout;
import firstrefusal.dev.DynamoDbLocal;
import firstrefusal.dev.LocalEventBus;
import firstrefusal.dev.StreamPoller;
import firstrefusal.support.DynamoDbLocalResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What the packaged-artifact tests run the zip against: DynamoDB Local with the table and its stream (read as Lambda's
 * event source mapping reads it), a local EventBridge stand-in, and the unpacked task root; one execution environment
 * per function, each with the environment a deployment gives it. A deployment is a set of functions started with the
 * same settings: {@link #redeploy} ends them and the next call starts them under new ones, on the same table.
 */
final class PackagedStack implements AutoCloseable {

    static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    /** {@code -Dpackaged.native=true}: the zip holds a native {@code bootstrap}, run as the provided.al2023 runtime runs it. */
    static final boolean NATIVE = Boolean.getBoolean("packaged.native");
    static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String table;
    private final DynamoDbLocal dynamoDbLocal;
    final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    final LocalEventBus bus;
    private final StreamPoller stream;
    private final Path work;
    private final Path taskRoot;
    private final Map<String, PackagedFunction> functions = new LinkedHashMap<>();
    private Map<String, String> settings = Map.of();
    private int deployment = 1;

    PackagedStack(String name) {
        this.name = name;
        this.table = name + "-offers";
        this.work = TARGET.resolve(name);
        dynamoDbLocal = DynamoDbLocal.start(DynamoDbLocalResource.freePort());
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(dynamoDbLocal.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb.createTable(TableLayout.definition(table));
        streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(dynamoDbLocal.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        bus = LocalEventBus.start(0);
        stream = new StreamPoller(streams, StreamPoller.streamArn(dynamoDb, table), 100, "us-east-1");
        taskRoot = PackagedFunction.unpack(TARGET.resolve("function.zip"), work.resolve("task-root"));
    }

    String table() {
        return table;
    }

    /** Ends every function of this deployment; the next call starts them with {@code settings}, as a new deployment. */
    void redeploy(Map<String, String> settings) {
        functions.values().forEach(PackagedFunction::close);
        functions.clear();
        this.settings = Map.copyOf(settings);
        deployment++;
    }

    /** One execution environment per handler, started on first use and kept warm, as Lambda would. */
    PackagedFunction function(String handler) {
        return functions.computeIfAbsent(handler, h -> {
            String functionName = name + "-" + h + "-" + deployment;
            PackagedFunction.Options base = PackagedFunction.Options.of(functionName, taskRoot, work.resolve(functionName + ".log"));
            PackagedFunction.Options options = (NATIVE ? base.asNative() : base)
                    .withEnvironment("QUARKUS_LAMBDA_HANDLER", h)
                    .withEnvironment("CAPACITY_TABLE", table)
                    .withEnvironment("CAPACITY_TABLE_CREATE", "false")
                    .withEnvironment("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbLocal.endpoint())
                    .withEnvironment("CAPACITY_EVENTS_BUS", name)
                    .withEnvironment("CAPACITY_EVENTS_ENDPOINT_OVERRIDE", bus.endpoint())
                    .withEnvironment("STATUS_PAGE_CURSOR_KEY", "a-key-for-this-run-only");
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                options = options.withEnvironment(setting.getKey(), setting.getValue());
            }
            return PackagedFunction.start(options);
        });
    }

    /** A direct invocation of decide; its answer, which must not be an invocation error. */
    JsonNode decideOk(String event) {
        LocalRuntimeApi.Answer answer = function("decide").invoke(event);
        assertThat(answer.isError()).as("invocation error: %s", answer.body()).isFalse();
        return json(answer.body());
    }

    /** A direct invocation of decide that is refused; the error's message. */
    String decideRefused(String event) {
        LocalRuntimeApi.Answer answer = function("decide").invoke(event);
        assertThat(answer.isError()).as("refused: %s", answer.body()).isTrue();
        return json(answer.body()).path("errorMessage").asText();
    }

    /** A status page GET through the Function URL; the response event. */
    JsonNode page(String pathAndQuery, String accept) {
        LocalRuntimeApi.Answer answer = function("status-page").invoke(AwsEvents.functionUrlGet(pathAndQuery, accept));
        assertThat(answer.isError()).as("invocation error: %s", answer.body()).isFalse();
        return json(answer.body());
    }

    /** The JSON body of a 200 page. */
    JsonNode pageJson(String pathAndQuery) {
        JsonNode response = page(pathAndQuery, "application/json");
        assertThat(response.path("statusCode").asInt()).as("%s", response.path("body").asText()).isEqualTo(200);
        return json(response.path("body").asText());
    }

    /**
     * Hands everything new on the table's stream to {@code notify}, as Lambda's event source mapping does, until the
     * stream is quiet (a notice notify records is a new entry on the stream too).
     */
    void pumpNotify() {
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

    /** One round of the stream handed to notify; the sequence numbers notify reported it could not publish. */
    List<String> pumpNotifyOnce() {
        List<StreamPoller.Delivery> deliveries = stream.poll(event -> function("notify").invoke(event).body());
        return deliveries.stream().flatMap(d -> d.failedAt().stream()).toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }

    @Override
    public void close() {
        functions.values().forEach(PackagedFunction::close);
        dynamoDb.close();
        streams.close();
        bus.close();
        dynamoDbLocal.close();
    }
}
