package firstrefusal.functions;

import firstrefusal.offer.ClockSummary;
import firstrefusal.offer.Decision;
import firstrefusal.offer.Outstanding;
import firstrefusal.offer.Rule;
import firstrefusal.policy.Policy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The business metrics, as CloudWatch embedded metric format (EMF) documents written with the AWS library to
 * standard output, one JSON line each: CloudWatch Logs turns them into metrics, so no metric adds a network call.
 * The names are the ones the dashboard and the alarms of {@code infra/template.yaml} read (a test holds them).
 */
@Singleton
public class Metrics {

    public static final String NAMESPACE = "FirstRefusal";
    public static final String DECISIONS = "Decisions";
    public static final String HOLDER_RESPONSE_TIME = "HolderResponseTime";
    public static final String REJECTED_MESSAGES = "RejectedMessages";
    public static final String OFFERS_AWAITING_HOLDER = "OffersAwaitingHolder";
    public static final String GPUS_AWAITING_HOLDER = "GpusAwaitingHolder";
    public static final String OFFERS_DUE_WITHIN_24H = "OffersDueWithin24h";
    public static final String REMINDERS_SENT = "RemindersSent";
    public static final String OFFERS_LAPSED = "OffersLapsed";
    public static final String OFFERS_EXPIRED = "OffersExpired";
    public static final String NOTICE_LAG = "NoticeLag";
    public static final String NOTICES_PUBLISHED = "NoticesPublished";
    public static final String NOTICES_NOT_PUBLISHED = "NoticesNotPublished";

    private static final Logger LOG = Logger.getLogger(Metrics.class);

    private final Policy policy;
    private final boolean enabled;

    /** Metrics written, as in Lambda. */
    public Metrics(Policy policy) {
        this(policy, true);
    }

    /** @param enabled {@code metrics.enabled} (env {@code METRICS_ENABLED}): off in dev and test, where no one collects them */
    @jakarta.inject.Inject
    public Metrics(Policy policy, @ConfigProperty(name = "metrics.enabled", defaultValue = "true") boolean enabled) {
        this.policy = policy;
        this.enabled = enabled;
    }

    /** A decision recorded: counted by rule and by status; a holder answer also by how long the holder took. */
    public void decision(Decision d) {
        emit(m -> m.setDimensions(DimensionSet.of("Rule", d.rule().name()), DimensionSet.of("Status", d.status().name()))
                .putMetric(DECISIONS, 1, Unit.COUNT)
                .putProperty("offerId", d.offerId()));
        if (d.rule() == Rule.HOLDER_MATCHED || d.rule() == Rule.HOLDER_DECLINED) {
            // The window opened at the deadline less the window (a material change opens a fresh one).
            Duration took = Duration.between(d.firstRefusalDeadline().minus(policy.firstRefusalWindow()), d.decidedAt());
            emit(m -> m.setDimensions(DimensionSet.of("Rule", d.rule().name()))
                    .putMetric(HOLDER_RESPONSE_TIME, took.toSeconds(), Unit.SECONDS)
                    .putProperty("offerId", d.offerId()));
        }
    }

    /** A message refused, by the field at fault. */
    public void rejected(String field) {
        emit(m -> m.setDimensions(DimensionSet.of("Field", field)).putMetric(REJECTED_MESSAGES, 1, Unit.COUNT));
    }

    /** A clock tick: what it decided and sent, and what awaits the holder after it, in all and by provider. */
    public void clock(ClockSummary summary) {
        Outstanding o = summary.outstanding();
        emit(m -> m.setDimensions(new DimensionSet())
                .putMetric(OFFERS_AWAITING_HOLDER, o.offers(), Unit.COUNT)
                .putMetric(GPUS_AWAITING_HOLDER, o.gpus(), Unit.COUNT)
                .putMetric(OFFERS_DUE_WITHIN_24H, o.dueWithinADay(), Unit.COUNT)
                .putMetric(REMINDERS_SENT, summary.reminded().size(), Unit.COUNT)
                .putMetric(OFFERS_LAPSED, summary.lapsed().size(), Unit.COUNT)
                .putMetric(OFFERS_EXPIRED, summary.expired().size(), Unit.COUNT));
        o.byProvider().forEach((provider, totals) -> emit(m -> m.setDimensions(DimensionSet.of("Provider", provider))
                .putMetric(OFFERS_AWAITING_HOLDER, totals.offers(), Unit.COUNT)
                .putMetric(GPUS_AWAITING_HOLDER, totals.gpus(), Unit.COUNT)));
    }

    /** What notify published: each event's lag from the table write to PutEvents, and how many it could not publish. */
    public void notices(List<Duration> lags, int notPublished) {
        emit(m -> {
            m.setDimensions(new DimensionSet()).putMetric(NOTICES_PUBLISHED, lags.size(), Unit.COUNT)
                    .putMetric(NOTICES_NOT_PUBLISHED, notPublished, Unit.COUNT);
            lags.forEach(lag -> m.putMetric(NOTICE_LAG, lag.toMillis(), Unit.MILLISECONDS));
        });
    }

    /**
     * One EMF document, written at once. The Lambda environment of the library writes to standard output and reads
     * only environment variables; it never looks for an agent or instance metadata. A failure to write a metric
     * never fails the invocation.
     */
    private void emit(Consumer<MetricsLogger> metrics) {
        if (!enabled) {
            return;
        }
        try {
            MetricsLogger logger = new MetricsLogger(new LambdaEnvironment());
            logger.setNamespace(NAMESPACE);
            metrics.accept(logger);
            logger.flush();
        } catch (RuntimeException e) {
            LOG.warn("a metric could not be written", e);
        }
    }
}
