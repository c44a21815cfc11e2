package firstrefusal.app;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import firstrefusal.config.AgreementConfig;
import firstrefusal.config.FunctionName;
import firstrefusal.config.NoticesConfig;
import firstrefusal.config.PolicyConfig;
import firstrefusal.config.RecordConfig;
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
import firstrefusal.domain.policy.Policy;
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
import org.jboss.logging.Logger;

/**
 * The top floor: builds the plain-Java domain objects from configuration, for injection into the functions and the page
 * (the AWS clients and the adapters on them: {@link AwsWiring}). Nothing below this package assembles anything.
 */
@Singleton
public class Wiring {

    private static final Logger LOG = Logger.getLogger(Wiring.class);

    @Produces
    @Singleton
    public Policy policy(PolicyConfig config) {
        return AgreementConfig.base(config);
    }

    /**
     * The agreement over time: the base policy, then the shipped amendments switched on and those written in the
     * configuration, by their instants ({@link AgreementConfig}). An error names the key of the amendment at fault.
     */
    @Produces
    @Singleton
    public Agreement agreement(PolicyConfig config, Policy base) {
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
    public ReminderSchedule reminders(NoticesConfig config) {
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
            AgreementTally tally, AgreementLedger ledger, ChainStore chains, DigestStore digests, DigestArchive archive,
            RecordConfig record) {
        // A commitment's recount from the record, when a deployment needs one: a few pages of 500 offers a tick.
        return new DecisionService(deployments, store, reminders, entry -> metrics.decision(entry), clock, List.of(
                new CommitmentRecount(tally, ledger, store, 500, 4),
                new ChainOlderRecords(chains, 200, 2),
                new DigestClock(digests, archive, record.digestInterval(), DIGEST_LEAVES, DIGEST_MARKS_PER_TICK)));
    }

    /** The most offers one digest takes: their leaves and the digest make one transaction of DynamoDB's 4 MB. */
    static final int DIGEST_LEAVES = 20_000;
    /** Offers a tick tells where their leaf is: one update each, a few seconds of a tick. */
    static final int DIGEST_MARKS_PER_TICK = 1_000;

    /** An offer's proof, checked, as the page shows it; the digests kept, as /api/digests lists them. */
    @Produces
    @Singleton
    RecordProofs proofs(ChainStore chains, DigestStore digests) {
        return new RecordProofs(chains, digests);
    }

    /** The agreement's figures (decisions per version, commitments), which notify keeps and the page reads. */
    @Produces
    @Singleton
    AgreementTally tally(Agreement agreement, AgreementLedger ledger) {
        return new AgreementTally(agreement, ledger);
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
