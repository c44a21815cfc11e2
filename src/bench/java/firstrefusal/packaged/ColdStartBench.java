package firstrefusal.packaged;

import static firstrefusal.bench.Bench.fmt;
import static firstrefusal.bench.Bench.median;

import firstrefusal.bench.Bench;
import firstrefusal.bench.Messages;
import firstrefusal.dev.DynamoDbLocal;
import firstrefusal.storage.OfferTable;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start of the packaged {@code decide} function under AWS's runtime interface client: process start to the
 * first answered invocation (a new offer, so one query and one transaction against DynamoDB Local), for each JDK
 * given and each way of starting it: plain, with an AppCDS archive, and (JDK 25+) with an AOT cache, each as the
 * managed runtime lays the app out and with the app on the JVM's class path. Archives and caches are made by a
 * training run under the very same launcher and class path, since the JVM rejects one made for another class
 * path. Runs go round-robin over the variants, so drift on the machine hits all alike. The report goes to
 * {@code target/bench/cold-start/}.
 *
 * <p>{@code -Dbench.java21.home=} and {@code -Dbench.java25.home=} name the JDKs (java25 defaults to this JVM's
 * when it is 25+); {@code -Dbench.coldstart.runs=} the runs per variant (default 7).
 */
class ColdStartBench {

    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    private static final String TABLE = "capacity-offers-cold-start";
    private static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");

    /**
     * One way of starting the function: its JVM options, for an archive the options of its training run, and
     * whether the app's classes are also on the JVM's class path (see {@link #appClassPath}).
     */
    record Variant(Jdk jdk, String name, boolean onClassPath, List<String> runOptions, List<String> trainingOptions,
            Path archive) {

        String label() {
            return jdk.label() + " " + name + (onClassPath ? ", app on the class path" : "");
        }

        String id() {
            return jdk.id() + "-" + slug(name) + (onClassPath ? "-cp" : "");
        }
    }

    record Sample(Variant variant, int round, long coldStartMs, long initMs) {
    }

    private final AtomicInteger offers = new AtomicInteger();
    private DynamoDbLocal dynamoDbLocal;
    private Path work;
    private Path taskRoot;
    private List<Path> appClassPath;

    @Test
    void coldStart() throws IOException {
        work = Bench.resultsDirectory().resolve("cold-start");
        Bench.noteLoad("cold start, start");
        dynamoDbLocal = DynamoDbLocal.start(DynamoDbLocalResource.freePort());
        try (DynamoDbClient dynamoDb = client()) {
            dynamoDb.createTable(OfferTable.definition(TABLE));
            taskRoot = PackagedFunction.unpack(TARGET.resolve("function.zip"), work.resolve("task-root"));
            appClassPath = appClassPath();
            List<Jdk> jdks = Jdk.fromProperties();
            List<Variant> variants = new ArrayList<>();
            jdks.forEach(jdk -> variants.addAll(variants(jdk)));
            for (Variant variant : variants) {
                if (variant.archive() != null) {
                    train(variant);
                }
            }
            int runs = Integer.getInteger("bench.coldstart.runs", 7);
            List<Sample> samples = new ArrayList<>();
            for (int round = 1; round <= runs; round++) {
                for (int i = 0; i < variants.size(); i++) {
                    // Rotate the order each round: no variant always runs first after a quiet pause.
                    Variant variant = variants.get((i + round) % variants.size());
                    samples.add(measure(variant, round));
                }
            }
            Map<Jdk, InitProfile> profiles = new LinkedHashMap<>();
            for (Jdk jdk : jdks) {
                profiles.put(jdk, profile(jdk));
            }
            write(jdks, variants, samples, profiles);
            Bench.noteLoad("cold start, end");
        } finally {
            dynamoDbLocal.close();
        }
    }

    /**
     * Plain, AppCDS and (25+) the AOT cache, each in two layouts. As the managed runtime starts it, the runtime
     * client loads the app from the task root in a class loader of its own; a JVM caches such classes but links
     * them only at run time. A container image or custom runtime can put the same jars on the JVM's class path
     * instead, where the AOT cache also holds them linked.
     */
    private List<Variant> variants(Jdk jdk) {
        List<String> plain = PackagedFunction.DEFAULT_JVM_OPTIONS;
        List<Variant> variants = new ArrayList<>();
        for (boolean onClassPath : new boolean[] {false, true}) {
            String layout = onClassPath ? "-cp" : "";
            variants.add(new Variant(jdk, "plain", onClassPath, plain, null, null));
            Path jsa = work.resolve("appcds-" + jdk.id() + layout + ".jsa");
            // -Xshare:on fails the start rather than silently running without the archive.
            variants.add(new Variant(jdk, "AppCDS", onClassPath, with(plain, "-XX:SharedArchiveFile=" + jsa, "-Xshare:on"),
                    with(plain, "-XX:ArchiveClassesAtExit=" + jsa), jsa));
            if (jdk.feature() >= 25) {
                Path aot = work.resolve("aot-" + jdk.id() + layout + ".aot");
                // JEP 514's one-step training (25+); -XX:AOTMode=on fails the start if the cache cannot be used.
                variants.add(new Variant(jdk, "AOT cache", onClassPath, with(plain, "-XX:AOTCache=" + aot, "-XX:AOTMode=on"),
                        with(plain, "-XX:AOTCacheOutput=" + aot), aot));
            }
        }
        return variants;
    }

    /**
     * The task root's own classes as one jar (the JVM archives no classes from a directory on its class path), then
     * the task root's {@code lib/} jars: what an image would put on the class path.
     */
    private List<Path> appClassPath() throws IOException {
        Path jar = work.resolve("app-classes.jar");
        Files.deleteIfExists(jar);
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(taskRoot)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = taskRoot.relativize(file);
                if (relative.startsWith("lib")) {
                    continue;
                }
                out.putNextEntry(new java.util.jar.JarEntry(relative.toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        List<Path> entries = new ArrayList<>(List.of(jar));
        try (var libs = Files.list(taskRoot.resolve("lib"))) {
            entries.addAll(libs.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
        }
        return List.copyOf(entries);
    }

    /**
     * A training run: every kind of message {@code decide} takes, a few times over, then the SIGTERM Lambda sends
     * at shutdown, at which the JVM writes the archive (and for the AOT cache, assembles it in a child JVM).
     */
    private void train(Variant variant) throws IOException {
        Files.deleteIfExists(variant.archive());
        PackagedFunction.Options options = options("train-" + variant.id(), variant).withJvmOptions(variant.trainingOptions());
        PackagedFunction function = PackagedFunction.start(options);
        try {
            for (int round = 0; round < 5; round++) {
                for (String event : trainingEvents(round)) {
                    function.invoke(event);
                }
            }
        } catch (RuntimeException e) {
            function.close();
            throw e;
        }
        Optional<Integer> exit = function.shutDown(Duration.ofMinutes(3));
        if (!Files.exists(variant.archive())) {
            throw new IllegalStateException(variant.label() + ": training run exited with " + exit + " but wrote no "
                    + variant.archive() + "; see " + options.log());
        }
    }

    private List<String> trainingEvents(int round) {
        String id = "train-" + round + "-" + offers.incrementAndGet();
        Instant at = RECEIVED.plus(Duration.ofDays(30L * round));
        String other = id + "-w";
        return List.of(
                Events.offer(id, at, at.plus(Duration.ofDays(40))),
                Events.offer(id, at, at.plus(Duration.ofDays(40))),
                Messages.offer(id, 2, "1.80", at.plusSeconds(60)),
                Events.answer("r-" + id, id, round % 2 == 0 ? "MATCH" : "DECLINE", at.plus(Duration.ofDays(2))),
                Events.eventBridge("Capacity Offer", Events.offer(other, at, null)),
                Events.eventBridge("Offer Withdrawal", Events.withdrawal(other, at.plus(Duration.ofDays(1)))),
                Events.sqs(List.of(Events.offer(id + "-s1", at, null), Events.offer(id + "-s2", at, null), "{\"kind\": 1}")),
                Events.scheduledEvent(at.plus(Duration.ofDays(20))),
                "{\"kind\": \"offer\", \"offerId\": \"" + id + "-bad\"}");
    }

    private Sample measure(Variant variant, int round) {
        PackagedFunction.Options options = options("run-" + variant.id() + "-" + round, variant)
                .withJvmOptions(variant.runOptions());
        try (PackagedFunction function = PackagedFunction.start(options)) {
            LocalRuntimeApi.Answer answer = function.invoke(Events.offer("cold-" + offers.incrementAndGet(), RECEIVED, null));
            if (answer.isError() || !answer.body().contains("PENDING_FIRST_REFUSAL")) {
                throw new IllegalStateException(variant.label() + ": unexpected answer " + answer + "; see " + options.log());
            }
            return new Sample(variant, round, function.coldStart().orElseThrow().toMillis(), function.init().orElseThrow().toMillis());
        }
    }

    /** One more plain run with class loading logged: what the init loads, and when. */
    private InitProfile profile(Jdk jdk) throws IOException {
        Path classLog = work.resolve("class-load-" + jdk.id() + ".log");
        Files.deleteIfExists(classLog);
        PackagedFunction.Options options = options("profile-" + jdk.id(), new Variant(jdk, "plain", false, null, null, null))
                .withJvmOptions(with(PackagedFunction.DEFAULT_JVM_OPTIONS, "-Xlog:class+load=info:file=" + classLog + ":uptime"));
        long initMs;
        long coldStartMs;
        try (PackagedFunction function = PackagedFunction.start(options)) {
            function.invoke(Events.offer("cold-" + offers.incrementAndGet(), RECEIVED, null));
            initMs = function.init().orElseThrow().toMillis();
            coldStartMs = function.coldStart().orElseThrow().toMillis();
        }
        return InitProfile.read(classLog, initMs, coldStartMs);
    }

    private PackagedFunction.Options options(String name, Variant variant) {
        return PackagedFunction.Options.of("first-refusal-decide", taskRoot, work.resolve("logs").resolve(name + ".log"))
                .withJava(variant.jdk().java())
                .withClassPath(variant.onClassPath() ? appClassPath : List.of())
                .withEnvironment("QUARKUS_LAMBDA_HANDLER", "decide")
                .withEnvironment("CAPACITY_TABLE", TABLE)
                .withEnvironment("CAPACITY_TABLE_CREATE", "false")
                .withEnvironment("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbLocal.endpoint());
    }

    private DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private void write(List<Jdk> jdks, List<Variant> variants, List<Sample> samples, Map<Jdk, InitProfile> profiles) {
        StringBuilder csv = new StringBuilder("jdk,variant,layout,round,cold_start_ms,init_ms\n");
        samples.forEach(s -> csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d%n", s.variant().jdk().id(),
                s.variant().name(), s.variant().onClassPath() ? "class path" : "managed runtime", s.round(), s.coldStartMs(),
                s.initMs())));
        Bench.write(work.resolve("cold-start.csv"), csv.toString());

        Variant baseline = variants.stream().filter(v -> v.name().equals("plain"))
                .filter(v -> v.jdk().feature() == 21).findFirst().orElse(variants.getFirst());
        double baselineMs = median(coldStarts(samples, baseline));
        StringBuilder md = new StringBuilder("JDKs:\n\n");
        jdks.forEach(jdk -> md.append("- ").append(jdk.label()).append(": ").append(jdk.version()).append('\n'));
        if (jdks.stream().noneMatch(jdk -> jdk.feature() == 21)) {
            md.append("- JDK 21: not given (-Dbench.java21.home), not measured\n");
        }
        md.append(String.format(Locale.ROOT, "%nProcess start to first answered decide invocation, %d runs each, round-robin;"
                + " baseline %s.%n%n", samples.size() / variants.size(), baseline.label()));
        md.append("| variant | median ms | min | max | init median ms | first invocation median ms | vs baseline |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Variant v : variants) {
            double[] cold = coldStarts(samples, v);
            double[] init = samples.stream().filter(s -> s.variant() == v).mapToDouble(Sample::initMs).toArray();
            double[] first = samples.stream().filter(s -> s.variant() == v).mapToDouble(s -> s.coldStartMs() - s.initMs()).toArray();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.2f |%n", v.label(), fmt(median(cold)),
                    fmt(Arrays.stream(cold).min().orElseThrow()), fmt(Arrays.stream(cold).max().orElseThrow()),
                    fmt(median(init)), fmt(median(first)),
                    median(cold) / baselineMs));
        }
        profiles.forEach((jdk, profile) -> md.append("\n").append(profile.markdown(jdk.label())));
        Bench.write(work.resolve("cold-start.md"), md.toString());
    }

    private static double[] coldStarts(List<Sample> samples, Variant variant) {
        return samples.stream().filter(s -> s.variant() == variant).mapToDouble(Sample::coldStartMs).toArray();
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
