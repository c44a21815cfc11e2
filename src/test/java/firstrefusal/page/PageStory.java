package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.ledger.AgreementTally;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.support.FreshTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A record like the dev demo's, on a table of its own, and a status page over it whose clock stands still at
 * {@link #NOW}: what the browser tests look at and the documentation's screenshots show.
 */
final class PageStory implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");

    final FreshTable table;
    final PageRoutes page;
    private final AgreementTally tally;

    private PageStory(FreshTable table, Agreement agreement, StatusPageConfig config) {
        this.table = table;
        this.tally = new AgreementTally(agreement, table.ledger());
        this.page = new PageRoutes(table.store(), table.ledger(), table.proofs(), agreement, Clock.fixed(NOW, ZoneOffset.UTC), config);
    }

    /** An empty record under {@code agreement}, with reminders three days and one day before each deadline. */
    static PageStory empty(DynamoDbClient client, Agreement agreement, StatusPageConfig config, String name) {
        return new PageStory(FreshTable.create(client, agreement, ReminderSchedule.parse("P3D,PT24H"), name), agreement, config);
    }

    /** Offers from every provider: pending (one due within a day, reminded; one at risk; one expired by now, unrecorded), decided. */
    static PageStory demo(DynamoDbClient client, Agreement agreement, StatusPageConfig config) {
        PageStory s = empty(client, agreement, config, "page-story");
        // Decided on arrival.
        s.offer("azure-fairwater-atlanta", "azure", 150_000, "300", Workload.TRAINING, "2.40", null, days(30));
        s.offer("stargate-abilene-1", "stargate", 400_000, "1200", Workload.TRAINING, "1.85", null, days(25));
        s.offer("softbank-sakai-2031", "softbank", 80_000, "250", Workload.TRAINING, "2.05", null, days(4), LocalDate.parse("2031-03-01"));
        // Decided while pending.
        s.offer("oracle-abilene-1", "oracle", 64_000, "200", Workload.TRAINING, "2.10", null, days(20));
        s.answer("oracle-abilene-1", Answer.MATCH, days(10));
        s.offer("google-the-dalles-1", "google", 26_000, "90", Workload.PRODUCT, "2.50", null, days(7));
        s.answer("google-the-dalles-1", Answer.DECLINE, days(5));
        s.offer("coreweave-lancaster-1", "coreweave", 12_000, "40", Workload.RESEARCH, "2.70", null, days(9));
        s.table.decisions().decide(new Withdrawal("coreweave-lancaster-1", NOW.minus(days(4))));
        s.offer("google-mayes-county-1", "google", 18_000, "60", Workload.TRAINING, "2.40", null, days(20));
        // Pending.
        s.offer("softbank-sakai-1", "softbank", 40_000, "140", Workload.TRAINING, "2.20", null, days(13).plusHours(1));
        s.offer("oracle-shackelford-1", "oracle", 48_000, "160", Workload.PRODUCT, "2.25", NOW.plus(days(2)), days(10));
        s.offer("oracle-abilene-2", "oracle", 64_000, "200", Workload.TRAINING, "2.10", null, days(3));
        s.offer("softbank-tomakomai-1", "softbank", 32_000, "110", Workload.PRODUCT, "2.30", null, days(1));
        s.offer("coreweave-denton-2", "coreweave", 24_000, null, Workload.TRAINING, "2.60", null, days(2));
        s.offer("google-council-bluffs-1", "google", 30_000, "100", Workload.RESEARCH, "2.45", null, Duration.ofHours(20));
        s.offer("stargate-shackelford-product", "stargate", 16_000, "55", Workload.PRODUCT, "2.00", null, days(5));
        // Valid until ten minutes ago: expired by now, and the clock has not ticked since.
        s.offer("coreweave-plano-2", "coreweave", 20_000, "70", Workload.TRAINING, "2.55", NOW.minus(Duration.ofMinutes(10)), days(4));
        // The last clock tick, half an hour ago: it lapsed one offer and sent the reminders then due.
        s.table.decisions().tick(new ClockTick(NOW.minus(Duration.ofMinutes(30))));
        s.tallied();
        return s;
    }

    void offer(String id, String provider, long gpus, String megawatts, Workload workload, String price, Instant validUntil,
            Duration ago) {
        Instant received = NOW.minus(ago);
        offer(id, provider, gpus, megawatts, workload, price, validUntil, ago,
                received.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).plusMonths(4));
    }

    void offer(String id, String provider, long gpus, String megawatts, Workload workload, String price, Instant validUntil,
            Duration ago, LocalDate start) {
        Instant received = NOW.minus(ago);
        Decision d = table.decisions().decide(new CapacityOffer(id, 1, provider, gpus, megawatts == null ? null : new BigDecimal(megawatts),
                "us-" + id.split("-")[1], workload, start, 36, new BigDecimal(price), validUntil, received));
        if (d.rule() == Rule.FIRST_REFUSAL_REQUIRED) {
            table.decisions().noticeSent(new Notice(id, 1, received)); // the holder told as the window opened
        }
    }

    void answer(String id, Answer answer, Duration ago) {
        table.decisions().decide(new HolderResponse("r-" + id, id, "azure", answer, NOW.minus(ago)));
    }

    /** The agreement's figures, as notify keeps them from the stream. */
    void tallied() {
        table.store().forEachOfferReceived(java.util.Optional.empty(), java.util.Optional.empty(),
                record -> record.history().forEach(tally::record));
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    @Override
    public void close() {
        table.drop();
    }
}
