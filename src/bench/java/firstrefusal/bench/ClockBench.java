package firstrefusal.bench;

import static firstrefusal.bench.Bench.fmt;
import static firstrefusal.bench.Bench.median;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.adapters.out.dynamodb.TableSeeder;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What one clock tick costs with reminders on (P3D,PT24H): DynamoDB requests, items read and time, as pending
 * offers and history grow and as offers come within a lead of their deadline. The tick reads the pending
 * index up to now + the longest lead + the grace: offers further out, and every decided offer, cost nothing.
 * Report: {@code target/bench/clock.md}.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class ClockBench {

    private static final Instant NOW = Offers.DEADLINE.minus(Duration.ofDays(2));

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void clockTickCost() {
        Bench.noteLoad("clock, start");
        StringBuilder md = new StringBuilder("| decided offers | pending, deadline beyond 3 days | pending, within 3 days | tick | "
                + "DynamoDB requests | items read | ms (median of ticks) |\n|---:|---:|---:|---|---|---:|---:|\n");
        FreshTable table = FreshTable.create(client, policy, ReminderSchedule.parse("P3D,PT24H"), "clock-bench");
        try {
            TableSeeder seeder = new TableSeeder(client, table.name(), policy);
            int decided = 10_000;
            for (int i = 0; i < decided; i++) {
                String id = "decided-" + i;
                seeder.offer(Offers.offer(id).build(), new HolderResponse("r-" + id, id, "azure", Answer.DECLINE,
                        Offers.RECEIVED.plusSeconds(60)));
            }
            int far = 0;
            int near = 0;
            for (int[] step : new int[][] {{1_000, 0}, {1_000, 100}, {10_000, 100}, {10_000, 1_000}}) {
                for (; far < step[0]; far++) {
                    // Received at the deadline of the near ones: two weeks from their own deadline.
                    seeder.offer(Offers.offer("far-" + far).receivedAt(Offers.DEADLINE.plusSeconds(far)).build());
                }
                for (; near < step[1]; near++) {
                    seeder.offer(Offers.offer("near-" + near).receivedAt(Offers.RECEIVED.plusSeconds(near)).build());
                }
                seeder.flush();
                md.append(row(table, decided, far, near, "first tick: sends the reminders due", 1));
                md.append(row(table, decided, far, near, "next ticks: nothing new to send", 10));
            }
        } finally {
            table.drop();
        }
        Bench.noteLoad("clock, end");
        Bench.write(Bench.resultsDirectory().resolve("clock.md"), "### Clock tick cost, reminders P3D,PT24H\n\n" + md);
    }

    private static String row(FreshTable table, int decided, int far, int near, String what, int ticks) {
        double[] ms = new double[ticks];
        DynamoDbRequestCounter.Usage usage = null;
        ClockSummary[] summary = new ClockSummary[1];
        for (int i = 0; i < ticks; i++) {
            long started = System.nanoTime();
            usage = DynamoDbRequestCounter.measure(() -> summary[0] = table.decisions().tick(new ClockTick(NOW)));
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        assertThat(summary[0].lapsed()).isEmpty();
        return String.format(Locale.ROOT, "| %,d | %,d | %,d | %s | %s | %,d | %s |%n", decided, far, near, what,
                usage.requests(), usage.itemsRead(), fmt(median(ms)));
    }
}
