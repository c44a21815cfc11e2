package firstrefusal.config;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import firstrefusal.adapters.in.http.AlbSignIn;
import firstrefusal.adapters.in.http.HttpKeySource;
import firstrefusal.adapters.out.eventbridge.EventBridgeSink;
import firstrefusal.adapters.out.eventbridge.DigestEvents;
import firstrefusal.adapters.out.eventbridge.EventPublisher;
import firstrefusal.adapters.out.s3.S3DigestArchive;
import firstrefusal.answer.Answering;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.ledger.AgreementTally;
import firstrefusal.domain.ledger.CommitmentRecount;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.DeploymentRecord;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.InvalidPolicyException;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.record.ChainOlderRecords;
import firstrefusal.domain.record.ChainStore;
import firstrefusal.domain.record.DigestArchive;
import firstrefusal.domain.record.DigestClock;
import firstrefusal.domain.record.DigestStore;
import firstrefusal.domain.record.RecordProofs;
import firstrefusal.operations.Metrics;
import firstrefusal.wire.AgreementJson;
import io.quarkus.amazon.lambda.runtime.LambdaConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import org.jboss.logging.Logger;

/** Builds the plain-Java domain objects from configuration, for injection into the functions and the page. */
@Singleton
public class Wiring {

    private static final Logger LOG = Logger.getLogger(Wiring.class);

    @Produces
    @Singleton
    Policy policy(PolicyConfig config) {
        Map<String, Provider> providers = new TreeMap<>();
        config.providers().forEach((id, p) -> providers.put(id, new Provider(id, p.name(), p.kind())));
        try {
            return Policy.builder().version(config.version()).holder(config.holder()).termEnds(config.termEnds())
                    .firstRefusalWindow(config.firstRefusalWindow())
                    .priceDropPercent(config.materialChange().priceDropPercent())
                    .capacityIncreasePercent(config.materialChange().capacityIncreasePercent())
                    .agiDeclaredAt(config.agiDeclaredAt()).clockGrace(config.clockGrace()).clockSkew(config.clockSkew())
                    .noticeGrace(config.noticeGrace()).lapseRequiresNotice(config.lapseRequiresNotice())
                    .providers(providers)
                    .exceptions(config.exceptions().stream().map(e -> new PreApproval(e.id(), e.provider(), Set.copyOf(e.offerIds()))).toList())
                    .holderAccount(AwsAccount.checked(config.holderAccount(), "holder-account"))
                    .build();
        } catch (InvalidPolicyException e) {
            throw e.under("policy.");
        }
    }

    /**
     * The agreement over time: the base policy, then the shipped amendments switched on and those written in the
     * configuration, by their instants ({@link AgreementConfig}). An error names the key of the amendment at fault.
     */
    @Produces
    @Singleton
    Agreement agreement(PolicyConfig config, Policy base) {
        return AgreementConfig.agreement(config, base);
    }

    /**
     * The agreements deployed so far, this one among them: recorded the first time any function starts under these terms
     * (src/docs/contract.md, "Configuration takes effect when it is deployed"); one read at every later start.
     */
    @Produces
    @Singleton
    Deployments deployments(Agreement agreement, DeploymentRecord record, Clock clock) {
        long started = System.nanoTime();
        List<Deployment> onRecord = record.recordOnce(agreement, clock.instant());
        String id = AgreementJson.id(agreement);
        Deployment recorded = onRecord.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
        LOG.infof("deployment %s (in force: %s) deployed at %s; %d on record, read in %d ms", id, agreement.latest().version(),
                recorded.deployedAt(), onRecord.size(), (System.nanoTime() - started) / 1_000_000);
        return new Deployments(onRecord, new Deployment(id, recorded.deployedAt(), agreement));
    }

    @Produces
    @Singleton
    ReminderSchedule reminders(NoticesConfig config) {
        try {
            return ReminderSchedule.parse(config.reminders().orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid notices.reminders: " + e.getMessage(), e);
        }
    }

    /** What a clock tick does after its pending offers, in order: recount commitments, chain older records, digest. */
    @Produces
    @Singleton
    DecisionService decisions(Deployments deployments, OfferStore store, ReminderSchedule reminders, Metrics metrics, Clock clock,
            CommitmentRecount recount, ChainStore chains, DigestStore digests, DigestArchive archive, RecordConfig record) {
        return new DecisionService(deployments, store, reminders, entry -> metrics.decision(entry), clock, List.of(recount,
                new ChainOlderRecords(chains, 200, 2),
                new DigestClock(digests, archive, record.digestInterval(), DIGEST_LEAVES, DIGEST_MARKS_PER_TICK)));
    }

    /** The most offers one digest takes: their leaves and the digest make one transaction of DynamoDB's 4 MB. */
    static final int DIGEST_LEAVES = 20_000;
    /** Offers a tick tells where their leaf is: one update each, a few seconds of a tick. */
    static final int DIGEST_MARKS_PER_TICK = 1_000;

    /**
     * Where digests are copied out of reach: the S3 bucket of {@code record.digest-bucket}, through the SDK's client on
     * the JDK's HTTP client (as for DynamoDB) with the {@code quarkus.s3.*} keys; none when no bucket is set.
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
                : AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return new S3DigestArchive(builder.build(), record.digestBucket().get(), Duration.ofDays(record.digestRetentionDays()),
                clock);
    }

    @Produces
    @Singleton
    DigestEvents digestEvents(EventBridgeClient client, CapacityConfig config) {
        return new DigestEvents(client, config.events().bus());
    }

    @Produces
    @Singleton
    RecordProofs proofs(ChainStore chains, DigestStore digests) {
        return new RecordProofs(chains, digests);
    }

    /** Each clock tick goes on with a few pages of a commitment's recount from the record, when a deployment needs one. */
    @Produces
    @Singleton
    CommitmentRecount recount(AgreementTally tally, AgreementLedger ledger, OfferStore store) {
        return new CommitmentRecount(tally, ledger, store, 500, 4);
    }

    /**
     * The EventBridge client of {@code notify}: the JDK's HTTP client (as for DynamoDB), region and credentials from
     * the standard AWS environment (Lambda's environment variables, or the {@code aws.*} system properties) read
     * directly rather than through the SDK's default chains, which also probe profile files and instance metadata
     * at every cold start; and the endpoint of a local stand-in when one is configured.
     */
    @Produces
    @Singleton
    EventBridgeClient eventBridge(CapacityConfig config) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(AwsEnvironment.region()))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()));
        config.events().endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    AgreementTally tally(Agreement agreement, AgreementLedger ledger) {
        return new AgreementTally(agreement, ledger);
    }

    @Produces
    @Singleton
    EventPublisher publisher(EventBridgeClient client, CapacityConfig config, Agreement agreement, Answering answering) {
        return new EventPublisher(new EventBridgeSink(client, config.events().bus(), agreement, answering.links()));
    }

    /**
     * The holder's answer links: off without {@code answer.base-url}; the keys from the configuration and, on AWS, the
     * Secrets Manager secret (one read at start of notify and the page, through the SDK's client on the JDK's HTTP client).
     */
    @Produces
    @Singleton
    Answering answering(AnswerConfig config) {
        return AnswerKeys.answering(config, secret -> {
            try (SecretsManagerClient client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(AwsEnvironment.region()))
                    .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                            SystemPropertyCredentialsProvider.create())).build()) {
                return client.getSecretValue(r -> r.secretId(secret)).secretString();
            }
        });
    }

    @Produces
    @Singleton
    AlbSignIn signIn(StatusPageConfig config, Clock clock) {
        String region = config.oidc().region().orElseGet(AwsEnvironment::region);
        return new AlbSignIn(config.oidc().keyUrl(), region, config.oidc().albArn(), new HttpKeySource(), clock);
    }

    /**
     * The wall clock: "time left" on the page, when the product records what it writes ({@code recordedAt}), and when
     * {@code notify} tells the holder. Decisions never read it (src/docs/contract.md, "Messages in").
     */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The function this process is, as the Lambda extension picks its handler; {@code decide} when none is set. */
    @Produces
    @Singleton
    FunctionName functionName(LambdaConfig lambda) {
        return new FunctionName(lambda.handler().orElse("decide"));
    }

    /**
     * An invalid policy or reminder list stops start-up (and a Lambda's init) with the key named, before any message is
     * taken. The function this process is ({@code quarkus.lambda.handler}) is built here too, rather than at its first
     * request, so that a setting it cannot run without (the status page's cursor key) fails the init, naming the key.
     */
    void validateAtStartup(@Observes StartupEvent event, Agreement agreement, ReminderSchedule reminders, FunctionName function,
            @Any Instance<RequestStreamHandler> functions) {
        agreement.base();
        reminders.leads();
        functions.select(NamedLiteral.of(function.value())).get();
    }
}
