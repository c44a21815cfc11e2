package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The deadline timeline's layout: the soonest due first, capped rows with the rest counted, now and validUntil marked,
 * dates in the page's one format, and outliers cut at the edge and marked rather than squeezing every other bar.
 */
class TimelineTest {

    private static final Instant AS_OF = Offers.RECEIVED.plus(Duration.ofDays(5));

    @Test
    void tenOffersAreAllDrawnSoonestFirstWithinThePlot() {
        List<Board.Row> rows = rows(AS_OF, IntStream.range(0, 10)
                .mapToObj(i -> BoardTest.told(Offers.offer("t-" + i).receivedAt(Offers.RECEIVED.plus(Duration.ofHours(10L * (9 - i))))))
                .toArray(Board.Pending[]::new));

        Timeline timeline = Timeline.of(rows, AS_OF, 25);

        assertThat(timeline.bars()).hasSize(10);
        assertThat(timeline.hidden()).isZero();
        assertThat(timeline.bars()).extracting(Timeline.Bar::offerId).first().isEqualTo("t-9");
        assertThat(timeline.bars()).allSatisfy(bar -> {
            assertThat(bar.x()).isGreaterThanOrEqualTo(timeline.plotX());
            assertThat(bar.end()).isLessThanOrEqualTo(timeline.plotX() + timeline.plotWidth());
        });
        assertThat(timeline.nowX()).isBetween(timeline.plotX(), timeline.plotX() + timeline.plotWidth());
        assertThat(timeline.ticks()).isNotEmpty().hasSizeLessThanOrEqualTo(7)
                .allSatisfy(tick -> assertThat(tick.label()).matches("\\d{4}-\\d{2}-\\d{2}"));
        assertThat(timeline.clipped()).isFalse();
    }

    @Test
    void fiveHundredOffersDrawTheSoonestAndCountTheRest() {
        List<Board.Row> rows = rows(AS_OF, IntStream.range(0, 500)
                .mapToObj(i -> BoardTest.told(Offers.offer("t-" + i).receivedAt(Offers.RECEIVED.plus(Duration.ofMinutes(37L * i)))))
                .toArray(Board.Pending[]::new));

        Timeline timeline = Timeline.of(rows, AS_OF, 25);

        assertThat(timeline.bars()).hasSize(25);
        assertThat(timeline.hidden()).isEqualTo(475);
        assertThat(timeline.bars()).extracting(Timeline.Bar::offerId).startsWith("t-0", "t-1", "t-2").endsWith("t-24");
        assertThat(timeline.height()).as("the drawing does not grow with the offers").isLessThan(25 * 20 + 60);
    }

    @Test
    void validUntilIsMarkedOnlyWhereItFallsInsideTheWindowAndOverdueBarsAreFlagged() {
        Instant asOf = Offers.DEADLINE.plus(Duration.ofMinutes(5));
        List<Board.Row> rows = rows(asOf,
                BoardTest.told(Offers.offer("risky").validUntil(Offers.DEADLINE.minus(Duration.ofDays(4)))),
                BoardTest.told(Offers.offer("later").validUntil(Offers.DEADLINE.plus(Duration.ofDays(4)))));

        Timeline timeline = Timeline.of(rows, asOf, 25);

        Timeline.Bar riskyBar = timeline.bars().stream().filter(b -> b.offerId().equals("risky")).findFirst().orElseThrow();
        Timeline.Bar laterBar = timeline.bars().stream().filter(b -> b.offerId().equals("later")).findFirst().orElseThrow();
        assertThat(riskyBar.validUntilX()).isNotNull().isBetween(riskyBar.x(), riskyBar.end());
        assertThat(riskyBar.atRisk()).isTrue();
        assertThat(laterBar.validUntilX()).isNull();
        assertThat(riskyBar.overdue()).isTrue();
        assertThat(riskyBar.title()).contains("valid until 2025-01-31 15:00 UTC");
    }

    @Test
    void anOutlierIsCutAtTheEdgeAndMarkedWhileTheOtherBarsKeepTheirScale() {
        Instant farBack = Offers.RECEIVED.minus(Duration.ofDays(365L * 70));
        List<Board.Row> rows = rows(AS_OF,
                BoardTest.told(Offers.offer("normal")),
                BoardTest.told(Offers.offer("ancient").receivedAt(farBack)),
                BoardTest.told(Offers.offer("x".repeat(120))));

        Timeline timeline = Timeline.of(rows, AS_OF, 25);

        Timeline.Bar ancient = timeline.bars().stream().filter(b -> b.offerId().equals("ancient")).findFirst().orElseThrow();
        Timeline.Bar normal = timeline.bars().stream().filter(b -> b.offerId().equals("normal")).findFirst().orElseThrow();
        assertThat(timeline.clipped()).isTrue();
        assertThat(ancient.cutStart()).isTrue();
        assertThat(ancient.x()).isEqualTo(timeline.plotX());
        assertThat(ancient.title()).contains("received 1955-").contains("cut at the edge");
        assertThat(normal.cutStart()).isFalse();
        assertThat(normal.width()).as("a 14-day window keeps a readable share of a span of at most 60 days back")
                .isGreaterThan(timeline.plotWidth() / 10);
        assertThat(timeline.ticks()).hasSizeLessThanOrEqualTo(7);
        assertThat(timeline.bars()).filteredOn(b -> b.offerId().startsWith("xxx")).singleElement()
                .satisfies(b -> assertThat(b.label()).hasSize(34).endsWith("…"));
    }

    @Test
    void nothingPendingDrawsNothing() {
        assertThat(Timeline.of(List.of(), AS_OF, 25).bars()).isEmpty();
    }

    private static List<Board.Row> rows(Instant asOf, Board.Pending... pending) {
        Fold fold = new Fold(Agreement.of(TestPolicies.defaultContract(), List.of()), Fold.Mode.RECORD);
        Board board = Board.of(List.of(pending), List.of(), TestPolicies.defaultContract(), fold, asOf, asOf, false, Duration.ofDays(120),
                new Board.Layout(50, Duration.ofDays(3), 10));
        // The layout of bars, whatever the board makes of them: those time has decided too.
        return java.util.stream.Stream.concat(board.rows().stream(), board.decided().rows().stream()).toList();
    }
}
