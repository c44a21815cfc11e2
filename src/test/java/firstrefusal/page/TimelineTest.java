package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.OfferDecider;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.Offers;
import firstrefusal.offer.Outcome;
import firstrefusal.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The deadline timeline's layout: most urgent first, capped rows with the rest counted, now and validUntil marked. */
class TimelineTest {

    private static final OfferDecider DECIDER = new OfferDecider(TestPolicies.defaultContract());
    private static final Instant AS_OF = Offers.RECEIVED.plus(Duration.ofDays(5));

    @Test
    void tenOffersAreAllDrawnMostUrgentFirstWithinThePlot() {
        List<OfferState> pending = IntStream.range(0, 10)
                .mapToObj(i -> pending(Offers.offer("t-" + i).receivedAt(Offers.RECEIVED.plus(Duration.ofHours(10L * (9 - i))))))
                .toList();

        Timeline timeline = Timeline.of(pending, AS_OF, 25);

        assertThat(timeline.bars()).hasSize(10);
        assertThat(timeline.hidden()).isZero();
        assertThat(timeline.bars()).extracting(Timeline.Bar::offerId).first().isEqualTo("t-9");
        assertThat(timeline.bars()).allSatisfy(bar -> {
            assertThat(bar.x()).isGreaterThanOrEqualTo(timeline.plotX());
            assertThat(bar.x() + bar.width()).isLessThanOrEqualTo(timeline.plotX() + timeline.plotWidth());
        });
        assertThat(timeline.nowX()).isBetween(timeline.plotX(), timeline.plotX() + timeline.plotWidth());
        assertThat(timeline.ticks()).isNotEmpty().hasSizeLessThanOrEqualTo(9);
    }

    @Test
    void fiveHundredOffersDrawTheMostUrgentAndCountTheRest() {
        List<OfferState> pending = IntStream.range(0, 500)
                .mapToObj(i -> pending(Offers.offer("t-" + i).receivedAt(Offers.RECEIVED.plus(Duration.ofMinutes(37L * i)))))
                .toList();

        Timeline timeline = Timeline.of(pending, AS_OF, 25);

        assertThat(timeline.bars()).hasSize(25);
        assertThat(timeline.hidden()).isEqualTo(475);
        assertThat(timeline.bars()).extracting(Timeline.Bar::offerId).startsWith("t-0", "t-1", "t-2").endsWith("t-24");
        assertThat(timeline.height()).as("the drawing does not grow with the offers").isLessThan(25 * 20 + 60);
    }

    @Test
    void validUntilIsMarkedOnlyWhereItFallsInsideTheWindowAndOverdueBarsAreFlagged() {
        OfferState risky = pending(Offers.offer("risky").validUntil(Offers.DEADLINE.minus(Duration.ofDays(4))));
        OfferState later = pending(Offers.offer("later").validUntil(Offers.DEADLINE.plus(Duration.ofDays(4))));

        Timeline timeline = Timeline.of(List.of(risky, later), Offers.DEADLINE.plus(Duration.ofMinutes(5)), 25);

        Timeline.Bar riskyBar = timeline.bars().stream().filter(b -> b.offerId().equals("risky")).findFirst().orElseThrow();
        Timeline.Bar laterBar = timeline.bars().stream().filter(b -> b.offerId().equals("later")).findFirst().orElseThrow();
        assertThat(riskyBar.validUntilX()).isNotNull().isBetween(riskyBar.x(), riskyBar.x() + riskyBar.width());
        assertThat(riskyBar.atRisk()).isTrue();
        assertThat(laterBar.validUntilX()).isNull();
        assertThat(riskyBar.overdue()).isTrue();
        assertThat(riskyBar.title()).contains("valid until 2025-01-31 15:00 UTC");
    }

    @Test
    void nothingPendingDrawsNothing() {
        assertThat(Timeline.of(List.of(), AS_OF, 25).bars()).isEmpty();
    }

    private static OfferState pending(Offers.Builder offer) {
        CapacityOffer o = offer.build();
        return ((Outcome.Changed) DECIDER.decide(firstrefusal.offer.Delivery.direct(o), Optional.empty(), o.receivedAt())).next();
    }
}
