package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.decisions.ConcurrentChangeException;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.TableAudit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * For the storage guarantees (src/docs/contract.md, "Storage" and "Time a contract can defend"), one offer at a time is
 * not enough: on many pending offers at once (each noticed as it arrived), a holder answer (dated in time), a withdrawal
 * (dated after the deadline) and clock ticks (past the deadline and its grace) are released together, each message
 * twice, from a pool of threads against DynamoDB Local. Whichever lands first is recorded first; a message that lands
 * later but stands earlier in event time is folded into its place and corrects the record. Each offer must end in the
 * one outcome event time gives it, whatever the order (a MATCH binds: matched; a DECLINE lets the withdrawal after it
 * stand: withdrawn), and every answer given must be in the table.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class RacingEventsTest {

    private static final Logger LOG = Logger.getLogger(RacingEventsTest.class);
    private static final int ROUNDS = Integer.getInteger("reliability.race-rounds", 8);
    private static final int OFFERS_PER_ROUND = 25;
    private static final int THREADS = 8;
    private static final Instant START = Instant.parse("2023-03-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);

    /** What each offer must end as, by event time alone. */
    private final Map<String, Rule> expected = new ConcurrentHashMap<>();

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    /** Every answer the service gave, by offer: what must be in the table. */
    private final Map<String, List<Decision>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lapsesReported = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger redelivered = new AtomicInteger();

    @Test
    void answersTicksAndWithdrawalsRacingOnTheSameOffersLeaveExactlyOneTerminalOutcomeEach() throws Exception {
        FreshTable table = FreshTable.create(client, policy, "races");
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Instant received = START.plus(Duration.ofDays(30L * round));
                Instant deadline = received.plus(WINDOW);
                List<Runnable> racers = new ArrayList<>();
                for (int i = 0; i < OFFERS_PER_ROUND; i++) {
                    String id = "race-%d-%02d".formatted(round, i);
                    ids.add(id);
                    table.decisions().decide(new CapacityOffer(id, 1, "coreweave", 8_000, null, "us-tx-plano",
                            Workload.TRAINING, LocalDate.parse("2024-06-01"), 24, new BigDecimal("2.5"), null, received));
                    table.decisions().noticeSent(new Notice(id, 1, received));
                    Instant answeredAt = random.nextInt(4) == 0 ? deadline
                            : received.plus(Duration.ofMinutes(1 + random.nextLong(WINDOW.toMinutes())));
                    Answer answer = random.nextBoolean() ? Answer.MATCH : Answer.DECLINE;
                    expected.put(id, answer == Answer.MATCH ? Rule.HOLDER_MATCHED : Rule.OFFER_WITHDRAWN);
                    HolderResponse response = new HolderResponse("r-" + id, id, "azure", answer, answeredAt);
                    Withdrawal withdrawal = new Withdrawal(id, deadline.plus(Duration.ofHours(1)));
                    for (int copy = 0; copy < 2; copy++) {
                        racers.add(() -> send(table, response));
                        racers.add(() -> send(table, withdrawal));
                    }
                }
                ClockTick tick = new ClockTick(deadline.plus(policy.clockGrace()).plus(Duration.ofHours(2)));
                racers.add(() -> tick(table, tick));
                racers.add(() -> tick(table, tick));
                Collections.shuffle(racers, random);
                race(pool, racers);
            }
        } finally {
            pool.shutdownNow();
        }

        TableAudit.Report audit = table.audit();
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.offers()).isEqualTo(ids.size());
        Map<List<Rule>, Integer> histories = new HashMap<>();
        int corrected = 0;
        for (String id : ids) {
            OfferRecord record = table.store().load(id).orElseThrow();
            List<Rule> rules = record.history().stream().map(e -> e.decision().rule()).toList();
            assertThat(record.state().decision().rule()).as("%s ends as event time says, history %s", id, rules)
                    .isEqualTo(expected.get(id));
            assertThat(record.history().getLast().decision()).as(id).isEqualTo(record.state().decision());
            histories.merge(rules, 1, Integer::sum);
            corrected += record.history().stream().anyMatch(HistoryEntry::isCorrection) ? 1 : 0;
            List<Decision> recorded = record.history().stream().map(HistoryEntry::decision).toList();
            for (Decision given : answers.getOrDefault(id, List.of())) {
                assertThat(recorded).as("an answer given about %s", id).contains(plain(given));
            }
            int lapses = lapsesReported.getOrDefault(id, new AtomicInteger()).get();
            assertThat(lapses).as("ticks that reported lapsing %s", id).isLessThanOrEqualTo(1);
            if (lapses == 1) {
                assertThat(rules).contains(Rule.FIRST_REFUSAL_LAPSED);
            }
        }
        assertThat(corrected).as("offers whose record a later-processed, earlier message corrected").isPositive();
        LOG.infof("races: %d offers, each answered twice, withdrawn twice and ticked twice concurrently (%d threads): "
                        + "histories %s; %d offers corrected; %d messages refused where they stand in event time, %d redelivered "
                        + "after running out of attempts; %d ms",
                ids.size(), THREADS, histories, corrected, refused.get(), redelivered.get(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        table.drop();
    }

    /** Starts every racer at once; those that ran out of attempts are delivered again afterwards, as SQS would. */
    private void race(ExecutorService pool, List<Runnable> racers) throws Exception {
        List<Runnable> pending = racers;
        for (int delivery = 0; !pending.isEmpty(); delivery++) {
            assertThat(delivery).as("deliveries of the same racers").isLessThan(5);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Runnable>> results = new ArrayList<>();
            for (Runnable racer : pending) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        racer.run();
                        return null;
                    } catch (ConcurrentChangeException e) {
                        redelivered.incrementAndGet();
                        return racer;
                    }
                }));
            }
            go.countDown();
            List<Runnable> again = new ArrayList<>();
            for (Future<Runnable> result : results) {
                if (result.get() != null) {
                    again.add(result.get());
                }
            }
            pending = again;
        }
    }

    private void send(FreshTable table, OfferMessage message) {
        try {
            Decision answer = table.decisions().decide(message);
            answers.computeIfAbsent(message.offerId(), k -> Collections.synchronizedList(new ArrayList<>())).add(answer);
        } catch (InvalidMessageException e) {
            // A withdrawal after a match recorded first: a match binds, the withdrawal stands after it in event time.
            assertThat(e.field()).isEqualTo("offerId");
            refused.incrementAndGet();
        }
    }

    private void tick(FreshTable table, ClockTick tick) {
        ClockSummary summary = table.decisions().tick(tick);
        summary.lapsed().forEach(id -> lapsesReported.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
        assertThat(summary.expired()).isEmpty();
    }

    /** The decision as stored: the duplicate and late marks belong to one answer, not to the record. */
    private static Decision plain(Decision d) {
        return new Decision(d.offerId(), d.revision(), d.provider(), d.status(), d.rule(), d.reason(),
                d.firstRefusalDeadline(), d.atRisk(), d.decidedAt(), d.policyVersion(), false, false, d.recordedAt(), d.corrects());
    }
}
