package firstrefusal.operations;

import firstrefusal.bench.Bench;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What the metrics add to one decision, measured alone: the cold start and the warm decisions of
 * {@link firstrefusal.packaged.ColdStartBench} are dominated by DynamoDB round trips, whose noise on this machine is
 * larger than the metrics' whole cost. Here the EMF documents of a decision are written to a stream that discards
 * them (in Lambda, standard output is a pipe to the runtime), warm, on one thread.
 */
class MetricsBench {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 1_000_000;

    @Test
    void metricsPerDecision() {
        Policy policy = TestPolicies.defaultContract();
        LineCounter lines = new LineCounter();
        PrintStream discard = new PrintStream(lines, false, StandardCharsets.UTF_8);
        Metrics metrics = new Metrics(true, Clock.systemUTC(), discard);
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        Decision pending = new Decision("oracle-abilene-1", 1, "oracle", Status.PENDING_FIRST_REFUSAL, Rule.FIRST_REFUSAL_REQUIRED,
                "first refusal", now.plus(policy.firstRefusalWindow()), false, now, "v", false, false);
        Decision matched = new Decision("oracle-abilene-1", 1, "oracle", Status.MATCHED_BY_HOLDER, Rule.HOLDER_MATCHED, "matched",
                now.plus(policy.firstRefusalWindow()), false, now.plusSeconds(3600), "v", false, false);

        StringBuilder md = new StringBuilder("| decision | EMF documents | µs per decision |\n|---|---:|---:|\n");
        firstrefusal.domain.offer.Window window = firstrefusal.domain.offer.Window.open(new firstrefusal.domain.offer.Terms(1, 64_000,
                java.math.BigDecimal.ONE), now, policy);
        for (Decision d : new Decision[] {pending, matched}) {
            firstrefusal.domain.offer.HistoryEntry entry = new firstrefusal.domain.offer.HistoryEntry(1, d, null, "offer:1", window);
            for (int i = 0; i < WARM_UP; i++) {
                metrics.decision(entry);
            }
            discard.flush();
            lines.count = 0;
            long started = System.nanoTime();
            for (int i = 0; i < MEASURED; i++) {
                metrics.decision(entry);
            }
            double micros = (System.nanoTime() - started) / 1e3 / MEASURED;
            discard.flush();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f |%n", d.rule(), lines.count / MEASURED, micros));
        }
        Bench.write(Bench.resultsDirectory().resolve("metrics.md"), md.toString());
    }

    /** Discards what is written, counting the lines (one EMF document each). */
    private static final class LineCounter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            if (b == '\n') {
                count++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
