package firstrefusal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** What the benchmarks share: where results go, and the few statistics they report. */
public final class Bench {

    private Bench() {
    }

    /** {@code target/bench}, created if missing. */
    public static Path resultsDirectory() {
        Path dir = Path.of(System.getProperty("project.build.directory", "target"), "bench");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nearest-rank percentile (0 < p <= 100) of the samples. */
    public static double percentile(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A figure for the reports: one decimal below 100, none above, with thousands separators. */
    public static String fmt(double value) {
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%,.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    /**
     * Appends the machine's load averages (Linux) to {@code target/bench/load.txt}, so a report can say how
     * busy the machine was while a benchmark ran.
     */
    public static void noteLoad(String when) {
        Path loadavg = Path.of("/proc/loadavg");
        try {
            String load = Files.exists(loadavg) ? Files.readString(loadavg).strip() : "unknown";
            Files.writeString(resultsDirectory().resolve("load.txt"), java.time.Instant.now() + " " + when + ": " + load + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
