package firstrefusal.bench;

import static firstrefusal.bench.Bench.fmt;
import static firstrefusal.bench.Bench.median;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.adapters.out.dynamodb.TableSeeder;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PolicyDraft;
import firstrefusal.domain.whatif.WhatIf;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A what-if over 10,000 offers with 30,000 history entries (offer, a non-material revision, the holder's answer):
 * the time of a replay under a 7-day window through the store's replay index, the DynamoDB requests and items it
 * reads, and the memory it allocates and keeps. Report: {@code target/bench/what-if.md}.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class WhatIfBench {

    private static final String[] PROVIDERS = {"oracle", "softbank", "coreweave", "google"};
    private static final int OFFERS = Integer.getInteger("bench.whatif.offers", 10_000);

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void whatIfOverTenThousandOffers() {
        Bench.noteLoad("what-if, start");
        FreshTable table = FreshTable.create(client, policy, "what-if-bench");
        try {
            TableSeeder seeder = new TableSeeder(client, table.name(), policy);
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < OFFERS; i++) {
                String id = "wi-" + i;
                Instant received = start.plus(Duration.ofMinutes(30L * i));
                seeder.offer(Offers.offer(id).provider(PROVIDERS[i % PROVIDERS.length]).workload(Workload.PRODUCT).receivedAt(received).build(),
                        Offers.offer(id).provider(PROVIDERS[i % PROVIDERS.length]).workload(Workload.PRODUCT).revision(2).price("2.08")
                                .receivedAt(received.plus(Duration.ofDays(1))).build(),
                        new HolderResponse("r-" + id, id, "azure", i % 2 == 0 ? Answer.MATCH : Answer.DECLINE,
                                received.plus(Duration.ofDays(i % 14))));
            }
            seeder.flush();
            Policy draft = PolicyDraft.apply(policy, Map.of("first-refusal-window", "P7D"), List.of());
            Instant asOf = start.plus(Duration.ofDays(400));
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            double[] ms = new double[3];
            double[] replayMs = new double[3];
            WhatIf.Report report = null;
            DynamoDbRequestCounter.Usage usage = null;
            long allocated = 0;
            for (int run = 0; run < ms.length + 1; run++) {
                WhatIf replay = new WhatIf(firstrefusal.domain.policy.Deployments.only(firstrefusal.domain.policy.Agreement.of(policy)), firstrefusal.domain.policy.Deployments.only(firstrefusal.domain.policy.Agreement.of(draft)), asOf);
                long[] inReplay = new long[1];
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long started = System.nanoTime();
                usage = DynamoDbRequestCounter.measure(() -> table.store().forEachOfferReceived(Optional.empty(), Optional.empty(),
                        history -> {
                            long t = System.nanoTime();
                            replay.add(history);
                            inReplay[0] += System.nanoTime() - t;
                        }));
                report = replay.report();
                if (run > 0) {
                    ms[run - 1] = (System.nanoTime() - started) / 1e6;
                    replayMs[run - 1] = inReplay[0] / 1e6;
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            }
            assertThat(report.offers()).isEqualTo(OFFERS);
            System.gc();
            long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            String md = String.format(Locale.ROOT, """
                    ### What-if over %,d offers (%,d history entries), draft first-refusal-window=P7D

                    | offers | changed | DynamoDB requests | items read | ms (median of 3, after 1 warm-up) | of which the replay itself | allocated per run | heap in use after, whole test JVM |
                    |---:|---:|---|---:|---:|---:|---:|---:|
                    | %,d | %,d | %s | %,d | %s | %s | %s MB | %s MB |
                    """, OFFERS, 3 * OFFERS, report.offers(), report.changed(), usage.requests(), usage.itemsRead(), fmt(median(ms)),
                    fmt(median(replayMs)),
                    fmt(allocated / 1e6), fmt(retained / 1e6));
            Bench.write(Bench.resultsDirectory().resolve("what-if.md"), md);
        } finally {
            table.drop();
            Bench.noteLoad("what-if, end");
        }
    }
}
