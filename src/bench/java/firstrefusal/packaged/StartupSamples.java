package firstrefusal.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a cold start's Java code runs: JFR's execution samples (every millisecond) of the process from start to its first
 * answer, each charged to the library of the innermost frame that is not the JDK's (so a class loaded, or a map filled, on
 * behalf of Qute counts as Qute's). JFR samples threads running Java code only: the JVM's own work (parsing, verifying and
 * linking classes, compiling, collecting) is not in these samples; {@code JvmCounters} accounts for it.
 */
final class StartupSamples {

    /** Libraries, by class-name prefix; the first that matches the innermost frame outside the JDK wins. */
    private static final Map<String, List<String>> CAUSES = causes();

    private static Map<String, List<String>> causes() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("Qute engine and templates", List.of("io.quarkus.qute."));
        c.put("first-refusal: status page", List.of("firstrefusal.page."));
        c.put("DynamoDB Enhanced Client", List.of("software.amazon.awssdk.enhanced."));
        c.put("Quarkiverse AWS extension", List.of("io.quarkiverse.amazon."));
        c.put("first-refusal: DynamoDB adapter", List.of("firstrefusal.adapters.out.dynamodb."));
        c.put("first-refusal: domain", List.of("firstrefusal.domain."));
        c.put("first-refusal: logs and metrics", List.of("firstrefusal.operations.", "io.quarkus.logging.json.",
                "org.jboss.logmanager.formatters"));
        c.put("first-refusal: configuration and wiring", List.of("firstrefusal.config."));
        c.put("first-refusal: handlers and wire JSON", List.of("firstrefusal."));
        c.put("the sample's handler", List.of("software.amazonaws.example."));
        c.put("AWS SDK: client build", List.of("software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClientBuilder",
                "software.amazon.awssdk.core.client.builder.", "software.amazon.awssdk.awscore.client.builder."));
        c.put("AWS SDK: a request", List.of("software.amazon.awssdk."));
        c.put("Jackson (events in and out)", List.of("com.fasterxml.jackson."));
        c.put("Joda-Time", List.of("org.joda."));
        c.put("SmallRye Config", List.of("io.smallrye.config."));
        c.put("ArC and Quarkus start-up", List.of("io.quarkus.", "io.smallrye."));
        c.put("Lambda runtime client", List.of("com.amazonaws.services.lambda.runtime."));
        c.put("logging", List.of("org.jboss.logging.", "org.jboss.logmanager."));
        return c;
    }

    private final Map<String, Integer> samples = new LinkedHashMap<>();
    private final Map<String, Integer> loading = new LinkedHashMap<>();
    private int total;
    private int recordings;

    /** Adds one recording's samples taken up to {@code untilMs} after the process started. */
    void add(Path recording, long untilMs) {
        try {
            List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
            long start = events.stream().filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                    .mapToLong(e -> e.getStartTime().toEpochMilli()).min().orElse(0);
            recordings++;
            for (RecordedEvent event : events) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStartTime().toEpochMilli() - start > untilMs) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                var thread = event.getThread("sampledThread");
                String threadName = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
                if (stack == null || threadName.startsWith("JFR")) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                String cause = cause(frames);
                if (cause == null) {
                    continue; // JFR's own start-up, or a frame-less sample
                }
                total++;
                samples.merge(cause, 1, Integer::sum);
                if (isLoadingClasses(frames)) {
                    loading.merge(cause, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cause(List<RecordedFrame> frames) {
        if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("jdk.jfr."))) {
            return null;
        }
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.")) {
                continue;
            }
            for (Map.Entry<String, List<String>> cause : CAUSES.entrySet()) {
                if (cause.getValue().stream().anyMatch(type::startsWith)) {
                    return cause.getKey();
                }
            }
            String[] parts = type.split("\\.");
            return "other: " + (parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type);
        }
        return "the JDK alone";
    }

    private static boolean isLoadingClasses(List<RecordedFrame> frames) {
        return frames.stream().limit(30).anyMatch(f -> {
            String type = f.getMethod().getType().getName();
            String method = f.getMethod().getName();
            return (type.endsWith("ClassLoader") || type.contains("ClassLoader$")) && (method.startsWith("loadClass")
                    || method.startsWith("findClass") || method.startsWith("defineClass"));
        });
    }

    /** One row per cause: milliseconds of samples per cold start (1 ms each), of which loading classes, and the share. */
    String markdown(String title) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n#### %s: Java code running to the first answer (JFR samples), by library%n%n"
                + "%d recordings, %.0f samples of 1 ms per cold start.%n%n| library running | ms per start | of which loading classes | share |%n"
                + "|---|---:|---:|---:|%n", title, recordings, (double) total / recordings));
        Map<Integer, List<String>> byCount = new TreeMap<>(java.util.Comparator.reverseOrder());
        samples.forEach((cause, n) -> byCount.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(cause));
        byCount.forEach((n, causes) -> causes.forEach(cause -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f %% |%n",
                cause, (double) n / recordings, (double) loading.getOrDefault(cause, 0) / recordings, 100.0 * n / total))));
        return md.toString();
    }

    static Path settings(Path directory) {
        Path jfc = directory.resolve("startup-samples.jfc");
        try {
            Files.createDirectories(directory);
            Files.writeString(jfc, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <configuration version="2.0" label="startup samples">
                      <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jfc;
    }
}
