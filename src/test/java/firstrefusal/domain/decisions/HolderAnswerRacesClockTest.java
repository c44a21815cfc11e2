package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Workload;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The storage guarantee (src/docs/contract.md, "Storage" and "Time a contract can defend"): a holder MATCH dated at the
 * deadline and a clock tick past it, released together on fresh offers (each noticed as it arrived) over and over against
 * DynamoDB Local. The answer was in time, so the holder's match is the one outcome whichever write lands first: either
 * it lands first and the tick finds nothing to lapse, or the tick records the lapse and the match corrects it. Both
 * orders are forced in a third of the rounds each, so both branches run every time; the rest race.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class HolderAnswerRacesClockTest {

    private static final Logger LOG = Logger.getLogger(HolderAnswerRacesClockTest.class);
    private static final int ROUNDS = 100;
    /** Earlier than every other test's offers, so these ticks find only this test's offers. */
    private static final Instant START = Instant.parse("2022-01-01T00:00:00Z");

    @Inject
    DecisionService decisions;

    @Inject
    OfferStore store;

    @Test
    void aMatchInTimeRacingTheClocksLapseAlwaysEndsMatched() throws Exception {
        int matched = 0;
        int lapsed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Instant received = START.plus(Duration.ofHours(round));
                Instant deadline = received.plus(Duration.ofDays(14));
                String id = "race-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                decisions.decide(new CapacityOffer(id, 1, "coreweave", 8_000, null, "us-tx-plano", Workload.TRAINING,
                        LocalDate.parse("2022-06-01"), 24, new BigDecimal("2.50"), null, received));
                decisions.noticeSent(new Notice(id, 1, received));

                // A third of the rounds the tick lands first, a third the answer, a third they race: both orders are
                // exercised for certain, and the race shows neither corrupts the other.
                Order order = Order.values()[round % 3];
                CyclicBarrier together = new CyclicBarrier(order == Order.RACE ? 2 : 1);
                java.util.concurrent.Callable<Decision> answering = () -> {
                    together.await();
                    return decisions.decide(new HolderResponse("r-" + id, id, "azure", Answer.MATCH, deadline));
                };
                java.util.concurrent.Callable<ClockSummary> ticking = () -> {
                    together.await();
                    return decisions.tick(new ClockTick(deadline.plus(Duration.ofMinutes(10))));
                };
                Decision answered;
                ClockSummary summary;
                if (order == Order.RACE) {
                    Future<Decision> answer = pool.submit(answering);
                    Future<ClockSummary> tick = pool.submit(ticking);
                    answered = answer.get();
                    summary = tick.get();
                } else if (order == Order.TICK_FIRST) {
                    summary = ticking.call();
                    answered = answering.call();
                    assertThat(summary.lapsed()).as("the tick ran first: it lapsed %s", id).contains(id);
                } else {
                    answered = answering.call();
                    summary = ticking.call();
                    assertThat(summary.lapsed()).as("the answer ran first: nothing left to lapse").doesNotContain(id);
                }

                OfferRecord record = store.load(id).orElseThrow();
                assertThat(record.state().decision().rule()).as("the one outcome of %s", id).isEqualTo(Rule.HOLDER_MATCHED);
                assertThat(record.state().decision().decidedAt()).isEqualTo(deadline);
                assertThat(answered.rule()).isEqualTo(Rule.HOLDER_MATCHED);
                assertThat(answered.late()).isFalse();
                assertThat(record.history().getLast().decision()).isEqualTo(record.state().decision());
                if (summary.lapsed().contains(id)) {
                    lapsed++;
                    assertThat(record.history()).extracting(e -> e.decision().rule())
                            .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.FIRST_REFUSAL_LAPSED, Rule.HOLDER_MATCHED);
                    assertThat(record.history().getLast().decision().corrects()).as("the match corrects the lapse").isEqualTo(2L);
                } else {
                    matched++;
                    assertThat(record.history()).extracting(e -> e.decision().rule())
                            .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.HOLDER_MATCHED);
                }
                assertThat(record.state().isOutstanding()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.infof("%d rounds, every one matched: the match landed first %d times, the lapse first and then corrected %d times",
                ROUNDS, matched, lapsed);
        assertThat(lapsed).as("rounds where the lapse was recorded and then corrected").isGreaterThanOrEqualTo(ROUNDS / 3);
        assertThat(matched).as("rounds where the match landed first").isGreaterThanOrEqualTo(ROUNDS / 3);
    }

    /** Which write goes first in a round. */
    private enum Order { TICK_FIRST, ANSWER_FIRST, RACE }
}
