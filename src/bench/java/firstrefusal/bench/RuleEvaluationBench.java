package firstrefusal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RuleEvaluationJmh} with JMH: one fork (a fresh JVM, so this launcher's state does not
 * matter), one thread, the GC profiler for bytes allocated per decision. {@code -Dbench.jmh.java=} picks the
 * fork's java (default: this JVM's); {@code -Dbench.jmh.iterations=} the measured one-second iterations.
 */
class RuleEvaluationBench {

    @Test
    void ruleEvaluation() throws Exception {
        Path out = Bench.resultsDirectory();
        Bench.noteLoad("rule evaluation, start");
        StringBuilder md = new StringBuilder("Default JIT (C2):\n\n");
        md.append(JmhReport.markdown(run(out.resolve("jmh-rules"), RuleEvaluationJmh.class.getName())));
        // Lambda's Java runtimes stop at C1 by default (PackagedFunction.DEFAULT_JVM_OPTIONS): the decide paths again so.
        md.append("\nC1 only (-XX:TieredStopAtLevel=1, as Lambda runs it):\n\n");
        String decidePaths = RuleEvaluationJmh.class.getName() + ".(newOffer|holder|withdrawal|material|duplicate).*";
        md.append(JmhReport.markdown(run(out.resolve("jmh-rules-c1"), decidePaths, "-XX:TieredStopAtLevel=1")));
        Files.writeString(out.resolve("jmh-rules.md"), md);
        Bench.noteLoad("rule evaluation, end");
    }

    private static Collection<RunResult> run(Path results, String include, String... jvmArgs) throws Exception {
        int iterations = Integer.getInteger("bench.jmh.iterations", 10);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .threads(1)
                .warmupIterations(10)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvmArgs)
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(results + ".json")
                .output(results + ".txt");
        String java = System.getProperty("bench.jmh.java");
        if (java != null && !java.isBlank()) {
            options.jvm(java);
        }
        return new Runner(options.build()).run();
    }
}
