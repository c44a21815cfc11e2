package firstrefusal.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the function's init loads, read from {@code -Xlog:class+load:file=...:uptime}: classes per library, and
 * when the first and last of each were loaded. A library whose classes load is a library whose code runs at
 * init, so this shows what starts although the function does not use it (an HTTP server, Qute in decide).
 */
record InitProfile(long initMs, long coldStartMs, int classes, Map<String, Group> groups) {

    record Group(int classes, double firstMs, double lastMs) {
    }

    /** Library groups by class-name prefix; the first matching prefix wins. */
    private static final Map<String, List<String>> GROUPS = libraryGroups();

    private static Map<String, List<String>> libraryGroups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("Lambda runtime interface client", List.of("com.amazonaws.services.lambda.runtime.api.client."));
        g.put("HTTP servers (Vert.x, Netty, JDK, Jetty)", List.of("io.vertx.", "io.netty.", "com.sun.net.httpserver.",
                "sun.net.httpserver.", "org.eclipse.jetty."));
        g.put("Quarkus core, ArC, Lambda extension", List.of("io.quarkus.runtime.", "io.quarkus.arc.", "io.quarkus.runner.",
                "io.quarkus.amazon.lambda."));
        g.put("SmallRye Config", List.of("io.smallrye.config."));
        g.put("SnakeYAML (YAML configuration)", List.of("org.yaml.snakeyaml."));
        g.put("Logging", List.of("org.jboss.logmanager.", "org.jboss.logging."));
        g.put("Jackson", List.of("com.fasterxml.jackson."));
        g.put("Joda-Time (Lambda event types)", List.of("org.joda.time."));
        g.put("DynamoDB Enhanced Client", List.of("software.amazon.awssdk.enhanced."));
        g.put("AWS SDK: S3 (the digests' copy)", List.of("software.amazon.awssdk.services.s3."));
        g.put("AWS SDK and its Quarkus extension", List.of("software.amazon.awssdk.", "io.quarkiverse.amazon."));
        g.put("Qute (status page templates)", List.of("io.quarkus.qute."));
        g.put("nimbus-jose-jwt (the ALB's sign-in)", List.of("com.nimbusds."));
        g.put("first-refusal: status page (and its generated value resolvers)", List.of("firstrefusal.page."));
        g.put("first-refusal: the record's proofs", List.of("firstrefusal.domain.record."));
        g.put("first-refusal: dev-only classes", List.of("firstrefusal.dev."));
        g.put("first-refusal: the rest", List.of("firstrefusal."));
        return g;
    }

    static InitProfile read(Path classLoadLog, long initMs, long coldStartMs) {
        List<String> lines;
        try {
            lines = Files.readAllLines(classLoadLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, double[]> window = new LinkedHashMap<>();
        int classes = 0;
        for (String line : lines) {
            // "[0.204s] firstrefusal.config.CapacityConfig source: ..."
            int close = line.indexOf("s] ");
            if (!line.startsWith("[") || close < 0) {
                continue;
            }
            double ms = Double.parseDouble(line.substring(1, close)) * 1000;
            String rest = line.substring(close + 3);
            String name = rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
            classes++;
            for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
                if (group.getValue().stream().anyMatch(name::startsWith)) {
                    counts.computeIfAbsent(group.getKey(), k -> new int[1])[0]++;
                    double[] w = window.computeIfAbsent(group.getKey(), k -> new double[] {ms, ms});
                    w[1] = ms;
                    break;
                }
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (String name : GROUPS.keySet()) {
            int n = counts.containsKey(name) ? counts.get(name)[0] : 0;
            double[] w = window.getOrDefault(name, new double[] {0, 0});
            groups.put(name, new Group(n, w[0], w[1]));
        }
        return new InitProfile(initMs, coldStartMs, classes, groups);
    }

    String markdown(String jdk) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Classes loaded by a plain %s function up to its first answer: %,d (init %d ms, first answer %d ms;"
                        + " this run logs every class load, so it is slower than the runs above).%n%n", jdk, classes, initMs,
                coldStartMs));
        md.append("| library | classes | first loaded at ms | last loaded at ms |\n|---|---:|---:|---:|\n");
        groups.forEach((name, g) -> md.append(g.classes() == 0
                ? String.format(Locale.ROOT, "| %s | 0 | – | – |%n", name)
                : String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", name, g.classes(), g.firstMs(), g.lastMs())));
        return md.toString();
    }
}
