package firstrefusal.dev;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.adapters.in.NotifyFunction;
import firstrefusal.config.CapacityConfig;
import firstrefusal.page.Formats;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The outbound path in {@code quarkus:dev}, as on AWS: DynamoDB Local's stream is polled every second and
 * handed to the {@code notify} function, which publishes with the real EventBridge client to a local
 * stand-in ({@code capacity.events.endpoint-override}); the stand-in logs every event it receives, so a
 * developer sees the notice leave when they send an offer.
 */
@IfBuildProfile("dev")
@Singleton
public class DevNotices {

    private static final Logger LOG = Logger.getLogger("first-refusal.events");

    private final NotifyFunction notify;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final URI dynamoDbEndpoint;
    private final int busPort;
    private LocalEventBus bus;
    private DynamoDbStreamsClient streams;
    private ScheduledExecutorService poller;

    public DevNotices(NotifyFunction notify, DynamoDbClient dynamoDb, CapacityConfig config,
            @ConfigProperty(name = "quarkus.dynamodb.endpoint-override") URI dynamoDbEndpoint,
            @ConfigProperty(name = "dev.event-bus.port", defaultValue = "8095") int busPort) {
        this.notify = notify;
        this.dynamoDb = dynamoDb;
        this.table = config.table().name();
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.busPort = busPort;
    }

    /** After the table exists (TableSetup) and before the demo data goes in, so its notices show too. */
    void start(@Observes @Priority(15) StartupEvent event) {
        bus = LocalEventBus.start(busPort);
        bus.onEntry(DevNotices::log);
        streams = DynamoDbStreamsClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        StreamPoller stream = new StreamPoller(streams, StreamPoller.streamArn(dynamoDb, table), 100, "us-east-1");
        StreamPoller.Handler notifyFunction = StreamPoller.Handler.inProcess(notify);
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dev-stream-poller"));
        poller.scheduleWithFixedDelay(() -> {
            try {
                stream.poll(notifyFunction);
            } catch (RuntimeException e) {
                LOG.warn("Polling the table's stream failed; trying again in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        LOG.infof("EventBridge stand-in on %s; notify reads the table's stream every second", bus.endpoint());
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
            streams.close();
            bus.close();
        }
    }

    /** Where the holder's copies of the record's digests go in dev mode: what an arbiter checks a proof against. */
    static final Path HOLDER_COPIES = Path.of("target", "dev-holder");

    /** One line per event: what it is, about which offer, and what the holder is asked; a digest, kept as the holder would. */
    private static void log(LocalEventBus.Entry entry) {
        JsonNode d = entry.detail();
        if (entry.detailType().equals("Record Digest")) {
            Path copy = HOLDER_COPIES.resolve("digest-" + d.path("digestId").asLong() + ".json");
            try {
                Files.createDirectories(HOLDER_COPIES);
                Files.writeString(copy, d.toString());
            } catch (IOException e) {
                LOG.warnf("could not keep the holder's copy of digest %d: %s", d.path("digestId").asLong(), e);
            }
            LOG.infof("→ Record Digest %d: %d offers, root %s…; the holder's copy is %s", d.path("digestId").asLong(),
                    d.path("treeSize").asLong(), d.path("root").asText().substring(0, 12), copy);
            return;
        }
        JsonNode offer = d.path("offer");
        String what = switch (entry.detailType()) {
            case "Offer Decided" -> d.path("decision").path("status").asText() + " by " + d.path("decision").path("rule").asText();
            case "First Refusal Reminder" -> "reminder " + Formats.words(Duration.parse(d.path("reminder").path("lead").asText()))
                    + " before, " + Formats.words(Duration.ofSeconds(d.path("reminder").path("secondsLeft").asLong()).truncatedTo(ChronoUnit.MINUTES))
                    + " left";
            default -> "holder asked to match";
        };
        String respond = d.path("respondBy").isNull() ? ""
                : "; " + d.path("holder").asText() + " to answer by " + Formats.utc(Instant.parse(d.path("respondBy").asText()));
        String answer = d.hasNonNull("answerUrl") ? "; answer at " + d.path("answerUrl").asText() : "";
        LOG.infof("→ %s %s: %s, %,d GPUs from %s%s%s", entry.detailType(), d.path("eventId").asText(), what,
                offer.path("gpus").asLong(), offer.path("providerName").asText(), respond, answer);
    }
}
