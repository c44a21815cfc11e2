package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.OfferDecider;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.Offers;
import firstrefusal.offer.Outcome;
import firstrefusal.policy.Policy;
import firstrefusal.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status page of the contract (src/docs/contract.md): what the page shows, from pending offers alone. */
class BoardTest {

    private static final Policy POLICY = TestPolicies.defaultContract();
    private static final Instant AS_OF = Offers.RECEIVED.plus(Duration.ofDays(4));

    @Test
    void providersAreOrderedByOutstandingGpusWithTheirTotals() {
        Board board = Board.of(List.of(
                pending(Offers.offer("g-1").provider("google").gpus(10_000)),
                pending(Offers.offer("o-1").provider("oracle").gpus(35_000)),
                pending(Offers.offer("s-1").provider("softbank").gpus(25_000)),
                pending(Offers.offer("g-2").provider("google").gpus(20_000))), List.of(), POLICY, AS_OF, 50);

        assertThat(board.providers()).extracting(Board.ProviderGroup::id).containsExactly("oracle", "google", "softbank");
        assertThat(board.providers().get(1).count()).isEqualTo(2);
        assertThat(board.providers().get(1).gpus()).isEqualTo(30_000);
        assertThat(board.providers().get(1).name()).isEqualTo("Google Cloud");
        assertThat(board.offerCount()).isEqualTo(4);
        assertThat(board.gpus()).isEqualTo(90_000);
    }

    @Test
    void eachProviderListsItsMostUrgentDeadlinesFirstUpToTheLimit() {
        Board board = Board.of(List.of(
                pending(Offers.offer("late").receivedAt(Offers.RECEIVED.plus(Duration.ofDays(2)))),
                pending(Offers.offer("soon").receivedAt(Offers.RECEIVED)),
                pending(Offers.offer("middle").receivedAt(Offers.RECEIVED.plus(Duration.ofDays(1))))), List.of(), POLICY, AS_OF, 2);

        Board.ProviderGroup oracle = board.providers().get(0);
        assertThat(oracle.shownOffers()).extracting(r -> r.offer().offerId()).containsExactly("soon", "middle");
        assertThat(oracle.hiddenCount()).isEqualTo(1);
        assertThat(oracle.count()).isEqualTo(3);
    }

    @Test
    void timeLeftIsMeasuredFromAsOfAndAtRiskOffersAreCounted() {
        Board board = Board.of(List.of(
                pending(Offers.offer("risky").validUntil(Offers.DEADLINE.minus(Duration.ofDays(1)))),
                pending(Offers.offer("fine"))), List.of(), POLICY, AS_OF, 50);

        assertThat(board.providers().get(0).offers()).allSatisfy(r -> assertThat(r.timeLeft()).isEqualTo(Duration.ofDays(10)));
        assertThat(board.atRiskCount()).isEqualTo(1);
        assertThat(Formats.human(Duration.ofDays(10).plusHours(3))).isEqualTo("10d 3h");
        assertThat(Formats.human(Duration.ofMinutes(-95))).isEqualTo("overdue 1h 35m");
    }

    @Test
    void theChartHasABarPerProviderScaledToTheLargest() {
        Board board = Board.of(List.of(
                pending(Offers.offer("a").provider("oracle").gpus(40_000)),
                pending(Offers.offer("b").provider("google").gpus(10_000))), List.of(), POLICY, AS_OF, 50);

        Chart chart = Chart.of(board);

        assertThat(chart.bars()).extracting(Chart.Bar::label).containsExactly("Oracle Cloud Infrastructure", "Google Cloud");
        assertThat(chart.bars().get(0).width()).isEqualTo(4 * chart.bars().get(1).width());
    }

    private static OfferState pending(Offers.Builder offer) {
        CapacityOffer message = offer.build();
        Outcome outcome = new OfferDecider(POLICY).decide(firstrefusal.offer.Delivery.direct(message), Optional.empty(), message.at());
        return ((Outcome.Changed) outcome).next();
    }
}
