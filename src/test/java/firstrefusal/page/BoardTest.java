package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.domain.policy.TestPolicies;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The status page of the contract (src/docs/contract.md): what the board shows as of an instant, and the next-action
 * sentence under each offer, which words what the {@link Fold} says time decides.
 */
class BoardTest {

    private static final Policy POLICY = TestPolicies.defaultContract();
    private static final Agreement AGREEMENT = Agreement.of(POLICY, List.of());
    private static final Fold FOLD = new Fold(AGREEMENT, Fold.Mode.RECORD);
    private static final Instant AS_OF = Offers.RECEIVED.plus(Duration.ofDays(4));
    private static final Board.Layout LAYOUT = new Board.Layout(50, Duration.ofDays(3), 10);

    @Test
    void providersAreOrderedByOutstandingGpusWithTheirTotals() {
        Board board = board(AS_OF, LAYOUT,
                told(Offers.offer("g-1").provider("google").gpus(10_000)),
                told(Offers.offer("o-1").provider("oracle").gpus(35_000)),
                told(Offers.offer("s-1").provider("softbank").gpus(25_000)),
                told(Offers.offer("g-2").provider("google").gpus(20_000)));

        assertThat(board.providers()).extracting(Board.ProviderGroup::id).containsExactly("oracle", "google", "softbank");
        assertThat(board.providers().get(1).count()).isEqualTo(2);
        assertThat(board.providers().get(1).gpus()).isEqualTo(BigInteger.valueOf(30_000));
        assertThat(board.providers().get(1).name()).isEqualTo("Google Cloud");
        assertThat(board.providers().get(1).kind()).isEqualTo("third party");
        assertThat(board.offerCount()).isEqualTo(4);
        assertThat(board.gpus()).isEqualTo(BigInteger.valueOf(90_000));
    }

    @Test
    void gpuTotalsStayExactBeyondTheLargestLong() {
        Board board = board(AS_OF, LAYOUT,
                recordedWithGpus(told(Offers.offer("huge-1")), Long.MAX_VALUE),
                recordedWithGpus(told(Offers.offer("huge-2")), Long.MAX_VALUE));

        assertThat(board.gpus()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TWO));
        assertThat(Formats.thousands(board.gpus())).isEqualTo("18,446,744,073,709,551,614");
    }

    @Test
    void megawattTotalsHaveSeparatorsAndCountTheOffersThatGiveNone() {
        Board board = board(AS_OF, LAYOUT,
                told(Offers.offer("big").megawatts("1200.5")),
                told(Offers.offer("none").megawatts(null)),
                told(Offers.offer("small").megawatts("0.75")));

        assertThat(Formats.plain(board.megawatts())).isEqualTo("1,201.25");
        assertThat(board.withoutMegawatts()).isEqualTo(1);
        assertThat(board.providers().getFirst().withoutMegawatts()).isEqualTo(1);
    }

    @Test
    void eachProviderListsItsSoonestDueFirstUpToTheLimit() {
        Board board = board(AS_OF, new Board.Layout(2, Duration.ofDays(3), 10),
                told(Offers.offer("late").receivedAt(Offers.RECEIVED.plus(Duration.ofDays(2)))),
                told(Offers.offer("soon").receivedAt(Offers.RECEIVED)),
                told(Offers.offer("middle").receivedAt(Offers.RECEIVED.plus(Duration.ofDays(1)))));

        Board.ProviderGroup oracle = board.providers().getFirst();
        assertThat(oracle.shownOffers()).extracting(r -> r.offer().offerId()).containsExactly("soon", "middle");
        assertThat(oracle.hiddenCount()).isEqualTo(1);
        assertThat(oracle.count()).isEqualTo(3);
    }

    @Test
    void theDueSoonStripPutsTheSoonestFirstWhateverTheProviderWithTheRemindersSent() {
        Instant asOf = Offers.DEADLINE.minus(Duration.ofDays(2));
        Board board = board(asOf, LAYOUT,
                told(Offers.offer("big-later").provider("oracle").gpus(400_000).receivedAt(Offers.RECEIVED.plus(Duration.ofDays(5)))),
                reminded(told(Offers.offer("small-soon").provider("softbank").gpus(1_000)), "P3D", "PT24H"),
                told(Offers.offer("expires-first").provider("google").gpus(2_000).receivedAt(Offers.RECEIVED.plus(Duration.ofDays(1)))
                        .validUntil(Offers.DEADLINE.minus(Duration.ofDays(1)))));

        assertThat(board.providers().getFirst().id()).as("providers stay ordered by GPUs").isEqualTo("oracle");
        assertThat(board.dueSoon()).extracting(r -> r.offer().offerId()).as("due within 3 days, the soonest first")
                .containsExactly("expires-first", "small-soon");
        assertThat(board.dueSoon().getFirst().due()).as("due at its own expiry, before its deadline")
                .isEqualTo(Offers.DEADLINE.minus(Duration.ofDays(1)));
        assertThat(board.dueSoon().get(1).remindersText()).isEqualTo("reminded 3 days and 1 day before the deadline");
        assertThat(board.dueSoon().getFirst().remindersText()).isEqualTo("no reminder sent yet");
    }

    @Test
    void pastAnOffersOwnValidityTheNextActionSaysItExpiredNotThatTheHolderMustAnswer() {
        Instant validUntil = Offers.DEADLINE.minus(Duration.ofDays(3));
        Board.Pending risky = told(Offers.offer("risky").validUntil(validUntil));

        String before = board(validUntil.minus(Duration.ofHours(1)), LAYOUT, risky).rows().getFirst().nextAction();
        Board afterBoard = board(validUntil.plus(Duration.ofHours(1)), validUntil.plus(Duration.ofHours(1)), risky);
        Board.Row after = afterBoard.decided().rows().getFirst();

        assertThat(before).isEqualTo("Microsoft Azure must MATCH or DECLINE by 2025-02-04 15:00 UTC; otherwise Oracle Cloud "
                + "Infrastructure's offer is free to take. At risk: the offer itself is valid only until 2025-02-01 15:00 UTC, "
                + "before that deadline.");
        assertThat(after.nextAction()).isEqualTo("Oracle Cloud Infrastructure's offer expired at 2025-02-01 15:00 UTC, the end "
                + "of its own validity, before Microsoft Azure answered: there is nothing left to decide. The clock records it "
                + "at its next tick.");
        assertThat(after.decidedByTime()).isTrue();
        assertThat(after.overdue()).isTrue();
        assertThat(afterBoard.rows()).as("no longer awaiting the holder: in no total").isEmpty();
        assertThat(afterBoard.offerCount()).isZero();
    }

    @Test
    void pastTheDeadlineTheNextActionSaysTheWindowLapsedAndWhenTheClockRecordsIt() {
        Board.Pending pending = told(Offers.offer("quiet"));
        Instant now = Offers.DEADLINE.plus(Duration.ofMinutes(3));

        String lapsed = board(now, now, pending).decided().rows().getFirst().nextAction();
        String ahead = board(Offers.DEADLINE.plus(Duration.ofDays(1)), AS_OF, pending).decided().rows().getFirst().nextAction();

        assertThat(lapsed).isEqualTo("Microsoft Azure's window closed at 2025-02-04 15:00 UTC without an answer: first refusal "
                + "lapsed, and Oracle Cloud Infrastructure's offer is free to take. The clock records it at its first tick after "
                + "2025-02-04 15:10 UTC.");
        assertThat(ahead).as("looking ahead, the lapse has not happened yet").isEqualTo("Unless Microsoft Azure answers by "
                + "2025-02-04 15:00 UTC, first refusal lapses then, and Oracle Cloud Infrastructure's offer is free to take.");
    }

    @Test
    void aWindowWhoseNoticeIsNotRecordedHasAProvisionalDeadlineThatNothingLapses() {
        Board.Pending untold = pending(Offers.offer("untold"));
        Board.Row row = board(Offers.DEADLINE.plus(Duration.ofDays(2)), Offers.DEADLINE.plus(Duration.ofDays(2)), untold).rows().getFirst();

        assertThat(row.awaitsNotice()).isTrue();
        assertThat(row.decidedByTime()).isFalse();
        assertThat(row.nextAction()).isEqualTo("Microsoft Azure has not been told of this offer yet. Its window counts from the "
                + "notice, so the deadline of 2025-02-04 15:00 UTC is provisional, and nothing lapses the offer before the notice "
                + "is recorded.");
    }

    @Test
    void anAmendmentThatReleasesPendingOffersIsSaidBeforeTheDeadlineItCuts() {
        Instant effective = Offers.RECEIVED.plus(Duration.ofDays(5));
        Amendment revision = ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, POLICY).orElseThrow().at(effective);
        Fold fold = new Fold(Agreement.of(POLICY, List.of(revision)), Fold.Mode.RECORD);
        Board.Pending pending = told(Offers.offer("cut-short"));

        String before = Board.of(List.of(pending), List.of(), POLICY, fold, AS_OF, AS_OF, false, Duration.ofDays(120), LAYOUT)
                .rows().getFirst().nextAction();
        Instant after = effective.plus(Duration.ofHours(1));
        String released = Board.of(List.of(pending), List.of(), POLICY, fold, after, after, false, Duration.ofDays(120), LAYOUT)
                .decided().rows().getFirst().nextAction();

        assertThat(before).endsWith("The agreement releases it at 2025-01-26 15:00 UTC, before that deadline.");
        assertThat(released).isEqualTo("Version 2025-10-28 of the agreement took effect at 2025-01-26 15:00 UTC and releases "
                + "the offers pending then: Oracle Cloud Infrastructure's offer is free to take. The clock records it at its "
                + "next tick.");
    }

    @Test
    void timeLeftIsMeasuredFromAsOfAndAtRiskOffersAreCounted() {
        Board board = board(AS_OF, LAYOUT,
                told(Offers.offer("risky").validUntil(Offers.DEADLINE.minus(Duration.ofDays(1)))),
                told(Offers.offer("fine")));

        assertThat(board.providers().getFirst().offers()).allSatisfy(r -> assertThat(r.timeLeft()).isEqualTo(Duration.ofDays(10)));
        assertThat(board.atRiskCount()).isEqualTo(1);
        assertThat(Formats.human(Duration.ofDays(10).plusHours(3))).isEqualTo("10d 3h");
        assertThat(Formats.human(Duration.ofMinutes(-95))).isEqualTo("overdue 1h 35m");
    }

    @Test
    void theChartHasABarPerProviderScaledToTheLargest() {
        Board board = board(AS_OF, LAYOUT,
                told(Offers.offer("a").provider("oracle").gpus(40_000)),
                told(Offers.offer("b").provider("google").gpus(10_000)));

        Chart chart = Chart.of(board);

        assertThat(chart.bars()).extracting(Chart.Bar::label).containsExactly("Oracle Cloud Infrastructure", "Google Cloud");
        assertThat(chart.bars().get(0).width()).isEqualTo(4 * chart.bars().get(1).width());
    }

    private static Board board(Instant asOf, Board.Layout layout, Board.Pending... pending) {
        return Board.of(List.of(pending), List.of(), POLICY, FOLD, asOf, asOf, false, Duration.ofDays(120), layout);
    }

    private static Board board(Instant asOf, Instant now, Board.Pending... pending) {
        return Board.of(List.of(pending), List.of(), POLICY, FOLD, asOf, now, false, Duration.ofDays(120), LAYOUT);
    }

    /** Pending, as decided on arrival; its window's notice not yet recorded. */
    static Board.Pending pending(Offers.Builder offer) {
        CapacityOffer message = offer.build();
        OfferState state = ((Outcome.Changed) new Adjudicator(POLICY).decide(Delivery.direct(message), Optional.empty(),
                message.receivedAt())).next();
        return Board.Pending.of(state);
    }

    /** Pending, and the holder told as the window opened. */
    static Board.Pending told(Offers.Builder offer) {
        Board.Pending p = pending(offer);
        return new Board.Pending(p.offer(), p.decision(), p.window().noticed(p.window().openedAt()), p.remindersSent());
    }

    /** An offer on record with more GPUs than a message may carry today (recorded before the bound). */
    private static Board.Pending recordedWithGpus(Board.Pending p, long gpus) {
        CapacityOffer o = p.offer();
        CapacityOffer huge = new CapacityOffer(o.offerId(), o.revision(), o.provider(), gpus, o.megawatts(), o.region(), o.workload(),
                o.startDate(), o.termMonths(), o.pricePerGpuHourUsd(), o.validUntil(), o.receivedAt(), o.customer());
        return new Board.Pending(huge, p.decision(), p.window(), p.remindersSent());
    }

    private static Board.Pending reminded(Board.Pending p, String... leads) {
        return new Board.Pending(p.offer(), p.decision(), p.window(), Optional.of(Set.of(leads)));
    }
}
