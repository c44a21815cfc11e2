package firstrefusal.operations;

import firstrefusal.config.OperationsConfig;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Outstanding;
import firstrefusal.domain.offer.Rule;
import firstrefusal.operations.EmfDocument.Unit;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The business metrics, as CloudWatch embedded metric format (EMF) documents ({@link EmfDocument}) written to standard
 * output, one JSON line each: CloudWatch Logs turns them into metrics, so no metric adds a network call.
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
    public static final String OFFERS_RELEASED = "OffersReleased";
    /** Pending offers past a provisional deadline with no notice recorded: the holder may never have been told. */
    public static final String OFFERS_PAST_DEADLINE_WITHOUT_NOTICE = "OffersPastDeadlineWithoutNotice";
    /** 1 for every clock tick that ran to the end, 0 for one that failed; none at all when the clock is not invoked. */
    public static final String CLOCK_HEARTBEAT = "ClockHeartbeat";
    public static final String NOTICE_LAG = "NoticeLag";
    public static final String NOTICES_PUBLISHED = "NoticesPublished";
    public static final String NOTICES_NOT_PUBLISHED = "NoticesNotPublished";
    /** An offer's record that did not verify against its chain or its digest (src/docs/contract.md, "Tampering is found"). */
    public static final String RECORD_VERIFICATIONS_FAILED = "RecordVerificationsFailed";

    private static final Logger LOG = Logger.getLogger(Metrics.class);

    private final boolean enabled;
    private final Clock clock;
    private final PrintStream out;

    /** Metrics as configured: {@code metrics.enabled} is off in dev and test, where no one collects them. */
    @jakarta.inject.Inject
    public Metrics(OperationsConfig.Metrics config) {
        this(config.enabled());
    }

    /** @param enabled whether to write them at all */
    public Metrics(boolean enabled) {
        this(enabled, Clock.systemUTC(), System.out);
    }

    /** Metrics timestamped by {@code clock} and written to {@code out}: for tests. */
    public Metrics(boolean enabled, Clock clock, PrintStream out) {
        this.enabled = enabled;
        this.clock = clock;
        this.out = out;
    }

    /** A decision recorded: counted by rule and by status; a holder answer also by how long the holder took. */
    public void decision(HistoryEntry entry) {
        Decision d = entry.decision();
        emit(document().dimension("Rule", d.rule().name()).dimension("Status", d.status().name())
                .metric(DECISIONS, 1, Unit.COUNT)
                .property("offerId", d.offerId()));
        if (d.rule().is(Rule.Trait.HOLDER_ANSWER) && entry.window() != null) {
            // From the opening of the window it answered (a material change opens a fresh one).
            Duration took = Duration.between(entry.window().openedAt(), d.decidedAt());
            emit(document().dimension("Rule", d.rule().name())
                    .metric(HOLDER_RESPONSE_TIME, took.toSeconds(), Unit.SECONDS)
                    .property("offerId", d.offerId()));
        }
    }

    /** A message refused, by the field at fault. */
    public void rejected(String field) {
        emit(document().dimension("Field", field).metric(REJECTED_MESSAGES, 1, Unit.COUNT));
    }

    /** A check of an offer's record that found something that does not match; the alarm fires on any. */
    public void recordVerificationFailed() {
        emit(document().metric(RECORD_VERIFICATIONS_FAILED, 1, Unit.COUNT));
    }

    /** A clock tick: what it decided and sent, and what awaits the holder after it, in all and by provider. */
    public void clock(ClockSummary summary) {
        Outstanding o = summary.outstanding();
        emit(document()
                .metric(CLOCK_HEARTBEAT, 1, Unit.COUNT)
                .metric(OFFERS_AWAITING_HOLDER, o.offers(), Unit.COUNT)
                .metric(GPUS_AWAITING_HOLDER, o.gpus(), Unit.COUNT)
                .metric(OFFERS_DUE_WITHIN_24H, o.dueWithinADay(), Unit.COUNT)
                .metric(REMINDERS_SENT, summary.reminded().size(), Unit.COUNT)
                .metric(OFFERS_LAPSED, summary.lapsed().size(), Unit.COUNT)
                .metric(OFFERS_EXPIRED, summary.expired().size(), Unit.COUNT)
                .metric(OFFERS_RELEASED, summary.released().size(), Unit.COUNT)
                .metric(OFFERS_PAST_DEADLINE_WITHOUT_NOTICE, o.pastDeadlineWithoutNotice(), Unit.COUNT));
        o.byProvider().forEach((provider, totals) -> emit(document().dimension("Provider", provider)
                .metric(OFFERS_AWAITING_HOLDER, totals.offers(), Unit.COUNT)
                .metric(GPUS_AWAITING_HOLDER, totals.gpus(), Unit.COUNT)));
    }

    /**
     * A clock tick that failed (the store unreachable, the tick cut off): a heartbeat of 0, so the alarm on the heartbeat
     * fires on a clock that runs and fails as it does on one that is not run at all. Nothing else: what awaits the
     * holder is not known, and a guess would quiet the deadline alarm.
     */
    public void clockFailed() {
        emit(document().metric(CLOCK_HEARTBEAT, 0, Unit.COUNT));
    }

    /**
     * What notify published: each event's lag from the table write to PutEvents, and how many it could not publish.
     * The lags go {@value EmfDocument#MAX_VALUES} to a document, the format's most.
     */
    public void notices(List<Duration> lags, int notPublished) {
        EmfDocument counts = document().metric(NOTICES_PUBLISHED, lags.size(), Unit.COUNT)
                .metric(NOTICES_NOT_PUBLISHED, notPublished, Unit.COUNT);
        for (int from = 0; from < lags.size(); from += EmfDocument.MAX_VALUES) {
            EmfDocument doc = from == 0 ? counts : document();
            lags.subList(from, Math.min(lags.size(), from + EmfDocument.MAX_VALUES))
                    .forEach(lag -> doc.metric(NOTICE_LAG, lag.toMillis(), Unit.MILLISECONDS));
            emit(doc);
        }
        if (lags.isEmpty()) {
            emit(counts);
        }
    }

    private static EmfDocument document() {
        return new EmfDocument(NAMESPACE);
    }

    /**
     * One EMF document, one line on standard output, where Lambda hands it to CloudWatch Logs (no network call of our
     * own). Written as one {@code println}, so the line is never interleaved with a log line. A metric that cannot be
     * written never fails the invocation.
     */
    private void emit(EmfDocument document) {
        if (!enabled) {
            return;
        }
        try {
            String line = document.toJson(clock.instant());
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("a metric could not be written", e);
        }
    }
}
