package firstrefusal.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** JMH results as a Markdown table: decisions per second with their 99.9% error, and bytes allocated per decision. */
final class JmhReport {

    private static final double TARGET = 1_000_000;

    private JmhReport() {
    }

    static String markdown(Collection<RunResult> results) {
        StringBuilder md = new StringBuilder("| benchmark | ops/s | ± (99.9%) | ns/op | B/op | vs 1,000,000/s |\n|---|---:|---:|---:|---:|---:|\n");
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            String name = run.getParams().getBenchmark();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f× |%n",
                    name.substring(name.lastIndexOf('.') + 1), Bench.fmt(primary.getScore()), Bench.fmt(primary.getScoreError()),
                    Bench.fmt(1e9 / primary.getScore()), allocation(run.getSecondaryResults()),
                    primary.getScore() / TARGET));
        }
        return md.toString();
    }

    /** The GC profiler's normalised allocation rate; its label carries a prefix in some JMH versions. */
    private static String allocation(Map<String, Result> secondary) {
        return secondary.entrySet().stream()
                .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                .map(e -> Bench.fmt(e.getValue().getScore()))
                .findFirst().orElse("n/a");
    }
}
