package firstrefusal.dev;

import static firstrefusal.domain.offer.Workload.API;
import static firstrefusal.domain.offer.Workload.PRODUCT;
import static firstrefusal.domain.offer.Workload.RESEARCH;
import static firstrefusal.domain.offer.Workload.TRAINING;

import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Demo data for {@code quarkus:dev}, after the facts of the agreement (src/docs/contract.md): offers from every provider of the
 * default policy, sent through the real decision service relative to now, so the page shows pending
 * offers with live deadlines next to decided ones.
 */
@IfBuildProfile("dev")
@Singleton
public class DemoScenario {

    private static final Logger LOG = Logger.getLogger(DemoScenario.class);

    private final DecisionService decisions;
    private final OfferStore store;
    private final Clock clock;

    public DemoScenario(DecisionService decisions, OfferStore store, Clock clock) {
        this.decisions = decisions;
        this.store = store;
        this.clock = clock;
    }

    void load(@Observes @Priority(20) StartupEvent event) {
        if (!store.outstanding().isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        // Decided on arrival by the new-offer rules.
        offer("azure-fairwater-atlanta", "azure", 150_000, 300, "us-ga-atlanta", TRAINING, monthsLater(3), 60, "2.40", null, now.minus(days(30)));
        offer("oci-openai-2024-06", "oracle", 50_000, 150, "us-tx-abilene", TRAINING, on("2024-09-01"), 36, "2.35", null, Instant.parse("2024-06-11T14:00:00Z"));
        offer("stargate-abilene-1", "stargate", 400_000, 1_200, "us-tx-abilene", TRAINING, monthsLater(6), 120, "1.85", null, now.minus(days(25)));
        offer("stargate-lordstown-research", "stargate", 20_000, 60, "us-oh-lordstown", RESEARCH, monthsLater(4), 60, "1.95", null, now.minus(days(12)));
        offer("stargate-milam-api", "stargate", 60_000, 180, "us-tx-milam", API, monthsLater(3), 60, "1.90", null, now.minus(days(9)));
        offer("softbank-sakai-2031", "softbank", 80_000, 250, "jp-osaka-sakai", TRAINING, on("2031-03-01"), 48, "2.05", null, now.minus(days(4)));
        // Pending first refusal: the holder has a window to match.
        offer("oracle-abilene-2", "oracle", 64_000, 200, "us-tx-abilene", TRAINING, monthsLater(4), 48, "2.10", null, now.minus(days(3)));
        offer("oracle-shackelford-1", "oracle", 48_000, 160, "us-tx-shackelford", PRODUCT, monthsLater(5), 36, "2.25", now.plus(days(2)), now.minus(days(10)));
        offer("softbank-tomakomai-1", "softbank", 32_000, 110, "jp-hokkaido-tomakomai", PRODUCT, monthsLater(6), 36, "2.30", null, now.minus(days(1)));
        offer("softbank-sakai-1", "softbank", 40_000, 140, "jp-osaka-sakai", TRAINING, monthsLater(5), 48, "2.20", null, now.minus(days(6)));
        offer("coreweave-denton-2", "coreweave", 24_000, 80, "us-tx-denton", TRAINING, monthsLater(3), 24, "2.60", now.plus(days(20)), now.minus(days(2)));
        offer("google-council-bluffs-1", "google", 30_000, 100, "us-ia-council-bluffs", RESEARCH, monthsLater(7), 36, "2.45", null, now.minus(hours(20)));
        offer("stargate-shackelford-product", "stargate", 16_000, 55, "us-tx-shackelford", PRODUCT, monthsLater(4), 60, "2.00", null, now.minus(days(5)));
        // A revision 8% cheaper than the terms the holder saw re-opens first refusal.
        revision("softbank-sakai-1", 2, "softbank", 40_000, 140, "jp-osaka-sakai", TRAINING, monthsLater(5), 48, "2.02", now.minus(days(2)));
        // Decided while pending.
        offer("coreweave-plano-1", "coreweave", 20_000, 70, "us-tx-plano", TRAINING, monthsLater(4), 24, "2.55", null, now.minus(days(8)));
        answer("r-coreweave-plano-1", "coreweave-plano-1", Answer.MATCH, now.minus(days(6)));
        // Matched ten days into its window: in time under the 14 days in force, late under a 7-day draft (the what-if).
        offer("oracle-abilene-1", "oracle", 64_000, 200, "us-tx-abilene", TRAINING, monthsLater(4), 48, "2.10", null, now.minus(days(20)));
        answer("r-oracle-abilene-1", "oracle-abilene-1", Answer.MATCH, now.minus(days(10)));
        offer("google-the-dalles-1", "google", 26_000, 90, "us-or-the-dalles", PRODUCT, monthsLater(3), 24, "2.50", null, now.minus(days(7)));
        answer("r-google-the-dalles-1", "google-the-dalles-1", Answer.DECLINE, now.minus(days(5)));
        offer("coreweave-lancaster-1", "coreweave", 12_000, 40, "us-pa-lancaster", RESEARCH, monthsLater(3), 24, "2.70", null, now.minus(days(9)));
        decisions.decide(new Withdrawal("coreweave-lancaster-1", now.minus(days(4))));
        // Left to the clock: one lapses, one expires.
        offer("google-mayes-county-1", "google", 18_000, 60, "us-ok-mayes-county", TRAINING, monthsLater(5), 24, "2.40", null, now.minus(days(20)));
        offer("oracle-port-washington-1", "oracle", 36_000, 120, "us-wi-port-washington", TRAINING, monthsLater(6), 36, "2.15", now.minus(days(5)), now.minus(days(8)));
        decisions.tick(new ClockTick(now));
        LOG.infof("Demo scenario loaded: %d outstanding offers", store.outstanding().size());
    }

    private void offer(String id, String provider, long gpus, int megawatts, String region, Workload workload, Start start,
            int termMonths, String price, Instant validUntil, Instant receivedAt) {
        told(decisions.decide(new CapacityOffer(id, 1, provider, gpus, BigDecimal.valueOf(megawatts), region, workload,
                start.after(receivedAt), termMonths, new BigDecimal(price), validUntil, receivedAt)), receivedAt);
    }

    private void revision(String id, int revision, String provider, long gpus, int megawatts, String region, Workload workload,
            Start start, int termMonths, String price, Instant receivedAt) {
        told(decisions.decide(new CapacityOffer(id, revision, provider, gpus, BigDecimal.valueOf(megawatts), region, workload,
                start.after(firstReceipt(id)), termMonths, new BigDecimal(price), null, receivedAt)), receivedAt);
    }

    /** When the capacity starts: a fixed date, or the first of a month some months after the offer was received. */
    private record Start(LocalDate fixed, int months) {

        LocalDate after(Instant receivedAt) {
            return fixed != null ? fixed : receivedAt.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).plusMonths(months);
        }
    }

    private static Start on(String date) {
        return new Start(LocalDate.parse(date), 0);
    }

    private static Start monthsLater(int months) {
        return new Start(null, months);
    }

    /** A revision keeps its offer's start: counted from the first revision's receipt. */
    private Instant firstReceipt(String offerId) {
        return store.load(offerId).orElseThrow().state().firstReceivedAt();
    }

    /**
     * The demo's history happened before dev mode started: each window's notice left as it opened, as notify would
     * have sent it then (the stream poller, which starts later, finds the notice on record and says the same).
     */
    private void told(Decision decision, Instant openedAt) {
        if (decision.rule().is(Rule.Trait.OPENS_WINDOW)) {
            decisions.noticeSent(new Notice(decision.offerId(), decision.revision(), openedAt));
        }
    }

    /**
     * The holder's answer, where there is something to answer: the story is told under the agreement of 2025-01-21, and
     * under one without first refusal (the 2025-10-28 revision switched on) the offer was approved on arrival.
     */
    private void answer(String responseId, String offerId, Answer answer, Instant at) {
        if (store.load(offerId).map(r -> r.state().isOutstanding()).orElse(false)) {
            decisions.decide(new HolderResponse(responseId, offerId, "azure", answer, at));
        }
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static Duration hours(long n) {
        return Duration.ofHours(n);
    }
}
