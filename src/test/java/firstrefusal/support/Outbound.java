package firstrefusal.support;

import firstrefusal.adapters.in.NotifyFunction;
import firstrefusal.adapters.out.eventbridge.EventBridgeSink;
import firstrefusal.adapters.out.eventbridge.EventPublisher;
import firstrefusal.dev.LocalEventBus;
import firstrefusal.dev.StreamPoller;
import firstrefusal.domain.ledger.AgreementTally;
import firstrefusal.domain.policy.Policy;
import firstrefusal.operations.Metrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The outbound path for one {@link FreshTable}, as deployed: the table's DynamoDB Local stream read like
 * Lambda's event source mapping, the {@code notify} handler, and the AWS SDK's EventBridge client publishing
 * to a local PutEvents stand-in.
 */
public final class Outbound implements AutoCloseable {

    public static final String BUS = "first-refusal-test-bus";

    private final LocalEventBus bus;
    private final DynamoDbStreamsClient streams;
    private final EventBridgeClient eventBridge;
    private final NotifyFunction notify;
    private final StreamPoller stream;

    private Outbound(FreshTable table, Policy policy, java.time.Clock clock) {
        bus = LocalEventBus.start(0);
        streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(ConfigProvider.getConfig().getValue("quarkus.dynamodb.endpoint-override", String.class)))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        eventBridge = EventBridgeClient.builder()
                .endpointOverride(URI.create(bus.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        notify = new NotifyFunction(new firstrefusal.adapters.out.eventbridge.EventBridgeBus(new EventPublisher(new EventBridgeSink(
                eventBridge, BUS, firstrefusal.domain.policy.Agreement.of(policy)), Duration.ofMillis(5)),
                new firstrefusal.adapters.out.eventbridge.DigestEvents(eventBridge, BUS)),
                new firstrefusal.adapters.out.dynamodb.TableChanges(), table.decisions(), new AgreementTally(table.decisions().agreement(), table.ledger()), new Metrics(false), clock, java.util.Set.of());
        stream = table.stream(streams, 100);
    }

    public static Outbound of(FreshTable table, Policy policy) {
        return new Outbound(table, policy, java.time.Clock.systemUTC());
    }

    /** With notify telling the holder at the instants {@code clock} gives: for notices late or in time. */
    public static Outbound of(FreshTable table, Policy policy, java.time.Clock clock) {
        return new Outbound(table, policy, clock);
    }

    public LocalEventBus bus() {
        return bus;
    }

    /** Everything recorded since the last poll, handed to notify; one delivery per batch. */
    public List<StreamPoller.Delivery> poll() {
        return stream.poll(this::invoke);
    }

    /** One invocation of notify with a stream event, as Lambda would make it; its answer. */
    public String invoke(String event) {
        return StreamPoller.Handler.inProcess(notify).invoke(event);
    }

    @Override
    public void close() {
        eventBridge.close();
        streams.close();
        bus.close();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
