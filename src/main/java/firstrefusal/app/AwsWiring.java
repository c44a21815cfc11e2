package firstrefusal.app;

import firstrefusal.adapters.in.http.AlbSignIn;
import firstrefusal.adapters.in.http.HttpKeySource;
import firstrefusal.adapters.out.dynamodb.TableChanges;
import firstrefusal.adapters.out.eventbridge.DigestEvents;
import firstrefusal.adapters.out.eventbridge.EventBridgeBus;
import firstrefusal.adapters.out.eventbridge.EventBridgeSink;
import firstrefusal.adapters.out.eventbridge.EventPublisher;
import firstrefusal.adapters.out.s3.S3DigestArchive;
import firstrefusal.answer.Answering;
import firstrefusal.config.AnswerConfig;
import firstrefusal.config.AnswerKeys;
import firstrefusal.config.AwsEnvironment;
import firstrefusal.config.CapacityConfig;
import firstrefusal.config.RecordConfig;
import firstrefusal.config.S3Config;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.decisions.RecordedChanges;
import firstrefusal.domain.events.EventBus;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.record.DigestArchive;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The adapters to AWS beyond DynamoDB (whose client the Quarkiverse extension builds): EventBridge, S3, Secrets Manager,
 * and the load balancer's sign-in. Every client on the JDK's HTTP client, its region and credentials read straight from
 * the standard AWS environment (Lambda's variables, or the {@code aws.*} system properties) rather than through the SDK's
 * default chains, which also probe profile files and instance metadata at every cold start.
 */
@Singleton
public class AwsWiring {

    private static AwsCredentialsProvider environmentCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
    }

    /** The EventBridge client of {@code notify}; the endpoint of a local stand-in when one is configured. */
    @Produces
    @Singleton
    EventBridgeClient eventBridge(CapacityConfig config) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(AwsEnvironment.region())).credentialsProvider(environmentCredentials());
        config.events().endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Where notify publishes: the offers' events, each notice and reminder with its answer link, and the digests. */
    @Produces
    @Singleton
    EventBus bus(EventBridgeClient client, CapacityConfig config, Agreement agreement, Answering answering) {
        return new EventBridgeBus(new EventPublisher(new EventBridgeSink(client, config.events().bus(), agreement, answering.links())),
                new DigestEvents(client, config.events().bus()));
    }

    /** What the table's stream records, as notify reads it. */
    @Produces
    @Singleton
    RecordedChanges<Map<String, AttributeValue>> changes() {
        return new TableChanges();
    }

    /**
     * Where digests are copied out of reach: the S3 bucket of {@code record.digest-bucket}, through the SDK's client with
     * the {@code quarkus.s3.*} keys; none when no bucket is set.
     */
    @Produces
    @Singleton
    DigestArchive digestArchive(RecordConfig record, S3Config config, Clock clock) {
        if (record.digestBucket().isEmpty()) {
            return DigestArchive.NONE;
        }
        S3ClientBuilder builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.aws().region().orElseGet(AwsEnvironment::region)))
                .forcePathStyle(config.pathStyleAccess().orElse(false));
        S3Config.StaticProvider keys = config.aws().credentials().staticProvider();
        builder.credentialsProvider(config.aws().credentials().type().filter("static"::equals).isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId().orElseThrow(
                        () -> new IllegalArgumentException("quarkus.s3.aws.credentials.static-provider.access-key-id is not set")),
                        keys.secretAccessKey().orElseThrow(() -> new IllegalArgumentException(
                                "quarkus.s3.aws.credentials.static-provider.secret-access-key is not set"))))
                : environmentCredentials());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return new S3DigestArchive(builder.build(), record.digestBucket().get(), Duration.ofDays(record.digestRetentionDays()),
                clock);
    }

    /**
     * The holder's answer links: off without {@code answer.base-url}; the keys from the configuration and, on AWS, the
     * Secrets Manager secret, read once at the start of notify and the page.
     */
    @Produces
    @Singleton
    Answering answering(AnswerConfig config) {
        return AnswerKeys.answering(config, secret -> {
            try (SecretsManagerClient client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(AwsEnvironment.region())).credentialsProvider(environmentCredentials()).build()) {
                return client.getSecretValue(r -> r.secretId(secret)).secretString();
            }
        });
    }

    /** The load balancer's sign-in, verified with the keys it publishes. */
    @Produces
    @Singleton
    AlbSignIn signIn(StatusPageConfig config, Clock clock) {
        String region = config.oidc().region().orElseGet(AwsEnvironment::region);
        return new AlbSignIn(config.oidc().keyUrl(), region, config.oidc().albArn(), new HttpKeySource(), clock);
    }
}
