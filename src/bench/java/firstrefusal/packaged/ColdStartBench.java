package firstrefusal.packaged;

import static firstrefusal.bench.Bench.fmt;
import static firstrefusal.bench.Bench.median;

import firstrefusal.adapters.out.dynamodb.TableLayout;
import firstrefusal.bench.Bench;
import firstrefusal.bench.Messages;
import firstrefusal.dev.DynamoDbLocal;
import firstrefusal.dev.LocalEventBus;
import firstrefusal.dev.StreamPoller;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Cold start of the packaged functions {@code decide} and {@code status-page} (a person waits on that one), process start
 * to the first answered invocation under AWS's runtime interface client (or, native, the {@code bootstrap} as the
 * {@code provided.al2023} runtime starts it), plus the process's resident memory after that answer. In one run, round
 * robin so drift on the machine hits all alike:
 *
 * <ul>
 * <li>the same functions built from an earlier commit ({@code -Dbench.baseline.ref=}, default the commit before the
 *     init was trimmed; or {@code -Dbench.baseline.zip=} a zip), as the baseline;</li>
 * <li>this build with its run-time trim switched off (the SDK's credential and region lookups), and as shipped; then as
 *     shipped with its EMF metrics, and its JSON log lines too, switched off (what operating it costs). The class preload
 *     is Quarkus' own, from the list the build writes ({@code quarkus.snapstart.generate-application-class-list}): a
 *     build-time setting, so it is measured off only as a zip built so ({@code -Dbench.baseline.zip=});</li>
 * <li>AppCDS and the AOT cache, trained under the very command line measured, and the AOT cache with the app on the JVM's
 *     class path;</li>
 * <li>the native build, when {@code -Dbench.native.zip=} names its zip (or {@code target/native/function.zip} exists).</li>
 * </ul>
 *
 * With {@code -Dbench.peer=true} the functions run beside AWS's Quarkus sample instead, JVM beside JVM and, with a native
 * zip of this build and {@code -Dbench.peer.native=true}, native beside the sample's native variant built by the same
 * toolchain. Report: {@code target/bench/cold-start/}.
 */
class ColdStartBench {

    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    private static final String TABLE = "capacity-offers-cold-start";
    private static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");
    /** The last commit before the init trims of the native/cold-start issue. */
    private static final String DEFAULT_BASELINE_REF = "845e6ad";
    private static final List<String> FUNCTIONS = List.of("decide", "status-page");
    /**
     * {@code -Dbench.peer=true}: this build's functions as shipped beside AWS's own Quarkus sample
     * ({@link AwsQuarkusSample}), each unpinned and pinned to one core, instead of the trims' steps.
     */
    private static final boolean PEER = Boolean.getBoolean("bench.peer");
    /**
     * {@code -Dbench.peer.native=true} (with {@code bench.peer}): the sample's native variant too, built by the toolchain
     * this project's {@code -Pnative-local} assembles ({@code src/native/toolchain.sh}), beside this build's native zip.
     */
    private static final boolean PEER_NATIVE = Boolean.getBoolean("bench.peer.native");
    private static final String PINNED = ", pinned to one core";
    private static final String NATIVE = "native";

    /** A deployment zip, unpacked as Lambda unpacks it. */
    record Artifact(String name, Path taskRoot, boolean isNative) {
    }

    /** One way of starting one function. */
    record Variant(String function, Artifact artifact, String name, boolean onClassPath, List<String> runOptions,
            List<String> trainingOptions, Path archive, Map<String, String> environment, String cpus) {

        Variant(String function, Artifact artifact, String name, boolean onClassPath, List<String> runOptions,
                List<String> trainingOptions, Path archive, Map<String, String> environment) {
            this(function, artifact, name, onClassPath, runOptions, trainingOptions, archive, environment, null);
        }

        String label() {
            return name;
        }

        String id() {
            return function + "-" + artifact.name() + "-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
    }

    /** One cold start; for the plain variants of decide also the latencies of the warm decisions after it. */
    record Sample(Variant variant, int round, long coldStartMs, long initMs, long rssKb, List<Double> warmMs, JvmCounters jvm,
            long deploymentReadMs, long cpuMs) {
    }

    /** What the init's read of the deployment record took, as {@code config/Wiring} logs it ("... read in 12 ms"). */
    private static final java.util.regex.Pattern DEPLOYMENT_READ = java.util.regex.Pattern.compile("on record, read in (\\d+) ms");
    /** The first start on an empty record: the query, then the conditional write of this deployment. */
    private long firstDeploymentMs = -1;

    private static final int WARM_DECISIONS = Integer.getInteger("bench.coldstart.warm", 40);

    private final AtomicInteger offers = new AtomicInteger();
    private List<String> functions = FUNCTIONS;
    private final Map<String, Long> zipBytes = new LinkedHashMap<>();
    private DynamoDbLocal dynamoDbLocal;
    private LocalEventBus bus;
    /** notify's first event: the table's stream carrying one decision that decide recorded. */
    private String notifyEvent;
    private Path work;
    private Jdk jdk;

    @Test
    void coldStart() throws Exception {
        work = Bench.resultsDirectory().resolve("cold-start");
        // Archives and the class-path jar are made from this build's task root: never reuse an earlier run's.
        Files.deleteIfExists(work.resolve("app-classes.jar"));
        Bench.noteLoad("cold start, start");
        jdk = Jdk.fromProperties().getLast();
        dynamoDbLocal = DynamoDbLocal.start(DynamoDbLocalResource.freePort());
        bus = LocalEventBus.start(0);
        try (DynamoDbClient dynamoDb = client()) {
            dynamoDb.createTable(TableLayout.definition(TABLE));
            Artifact current = new Artifact("this build", PackagedFunction.unpack(TARGET.resolve("function.zip"), work.resolve("task-root")), false);
            zipBytes.put(current.name(), Files.size(TARGET.resolve("function.zip")));
            // Beside the sample, earlier commits are measured only when named (-Dbench.baseline.ref): each cut, before and after.
            List<Artifact> baseline = PEER && System.getProperty("bench.baseline.ref", "").isBlank()
                    && System.getProperty("bench.baseline.zip", "").isBlank() ? List.of() : baselines();
            Optional<Artifact> nativeBuild = nativeBuild();
            List<Variant> variants = new ArrayList<>();
            if (PEER) {
                Path zip = AwsQuarkusSample.build(Bench.resultsDirectory());
                AwsQuarkusSample.seed(dynamoDb);
                Artifact peer = new Artifact("AWS sample", PackagedFunction.unpack(zip, work.resolve("peer-task-root")), false);
                zipBytes.put(peer.name(), Files.size(zip));
                Optional<Artifact> peerNative = Optional.empty();
                if (PEER_NATIVE) {
                    // -Dbench.peer.native.zip=: a native zip of the sample built earlier (AwsQuarkusSample.buildNative), not built again.
                    String given = System.getProperty("bench.peer.native.zip", "");
                    Path nativeZip = given.isBlank() ? AwsQuarkusSample.buildNative(Bench.resultsDirectory()) : Path.of(given);
                    peerNative = Optional.of(new Artifact("AWS sample, native", PackagedFunction.unpack(nativeZip,
                            work.resolve("peer-native-task-root")), true));
                    zipBytes.put(peerNative.get().name(), Files.size(nativeZip));
                }
                functions = new ArrayList<>(List.of(System.getProperty("bench.peer.functions", "decide,notify,status-page").split(",")));
                functions.add(AwsQuarkusSample.HANDLER);
                notifyEvent = streamEventOfOneDecision(dynamoDb, current);
                for (String function : functions) {
                    List<Artifact> artifacts = new ArrayList<>();
                    if (function.equals(AwsQuarkusSample.HANDLER)) {
                        artifacts.add(peer);
                        peerNative.ifPresent(artifacts::add);
                    } else {
                        artifacts.addAll(baseline);
                        artifacts.add(current);
                        nativeBuild.ifPresent(artifacts::add);
                    }
                    for (Artifact artifact : artifacts) {
                        String name = artifact.isNative() ? NATIVE
                                : artifact == current || artifact == peer ? "as shipped" : "before: " + artifact.name();
                        List<String> jvmOptions = artifact.isNative() ? List.of() : PackagedFunction.DEFAULT_JVM_OPTIONS;
                        variants.add(new Variant(function, artifact, name, false, jvmOptions, null, null, Map.of()));
                        variants.add(new Variant(function, artifact, name + PINNED, false, jvmOptions, null, null, Map.of(), "0"));
                    }
                    // -Dbench.peer.env=NAME=value: this build once more with a setting changed, e.g. the class preload off.
                    String env = System.getProperty("bench.peer.env", "");
                    if (!env.isBlank() && !function.equals(AwsQuarkusSample.HANDLER)) {
                        Map<String, String> changed = Map.of(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
                        variants.add(new Variant(function, current, "as shipped, " + env, false, PackagedFunction.DEFAULT_JVM_OPTIONS, null,
                                null, changed));
                        variants.add(new Variant(function, current, "as shipped, " + env + PINNED, false, PackagedFunction.DEFAULT_JVM_OPTIONS,
                                null, null, changed, "0"));
                    }
                }
            } else {
                for (String function : FUNCTIONS) {
                    variants.addAll(variants(function, current, baseline, nativeBuild));
                }
            }
            for (Variant variant : variants) {
                if (variant.archive() != null) {
                    train(variant);
                }
            }
            int runs = Integer.getInteger("bench.coldstart.runs", 7);
            List<Sample> samples = new ArrayList<>();
            for (int round = 1; round <= runs; round++) {
                for (int i = 0; i < variants.size(); i++) {
                    samples.add(measure(variants.get((i + round) % variants.size()), round));
                }
            }
            Map<String, InitProfile> profiles = new LinkedHashMap<>();
            for (String function : functions) {
                // Classes are the JVM's to count: a native image loads none at run time.
                for (Artifact artifact : variants.stream().filter(v -> v.function().equals(function)).map(Variant::artifact)
                        .filter(a -> !a.isNative()).distinct().toList()) {
                    profiles.put(profileKey(function, artifact), profile(function, artifact));
                }
            }
            Map<String, StartupSamples> cpu = PEER ? startupSamples(variants) : Map.of();
            write(variants, samples, profiles, !baseline.isEmpty(), cpu);
            Bench.noteLoad("cold start, end");
        } finally {
            bus.close();
            dynamoDbLocal.close();
        }
    }

    private List<Variant> variants(String function, Artifact current, List<Artifact> baseline, Optional<Artifact> nativeBuild) {
        List<String> plain = PackagedFunction.DEFAULT_JVM_OPTIONS;
        // The one trim left to switch at run time: the SDK's default credential and region chains instead of the environment.
        Map<String, String> noTrims = Map.of("QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "default");
        List<Variant> variants = new ArrayList<>();
        baseline.forEach(b -> variants.add(new Variant(function, b, "before: " + b.name() + ", plain", false, plain, null, null, Map.of())));
        variants.add(new Variant(function, current, "plain, no run-time trims (properties, not YAML)", false, plain, null, null, noTrims));
        variants.add(new Variant(function, current, "plain, + SDK credentials and region from the environment (this build as shipped)",
                false, plain, null, null, Map.of()));
        // The cost of operating it: the same build with its JSON log lines and EMF metrics switched off at run time.
        variants.add(new Variant(function, current, "plain, as shipped, without metrics", false, plain, null, null,
                Map.of("METRICS_ENABLED", "false")));
        variants.add(new Variant(function, current, "plain, as shipped, without metrics or JSON logs", false, plain, null, null,
                Map.of("METRICS_ENABLED", "false", "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")));
        Path jsa = work.resolve("appcds-" + function + ".jsa");
        // -Xshare:on and -XX:AOTMode=on fail the start rather than silently running without the archive.
        variants.add(new Variant(function, current, "AppCDS", false, with(plain, "-XX:SharedArchiveFile=" + jsa, "-Xshare:on"),
                with(plain, "-XX:ArchiveClassesAtExit=" + jsa), jsa, Map.of()));
        Path aot = work.resolve("aot-" + function + ".aot");
        variants.add(new Variant(function, current, "AOT cache", false, with(plain, "-XX:AOTCache=" + aot, "-XX:AOTMode=on"),
                with(plain, "-XX:AOTCacheOutput=" + aot), aot, Map.of()));
        Path aotCp = work.resolve("aot-" + function + "-cp.aot");
        variants.add(new Variant(function, current, "AOT cache, app on the class path", true,
                with(plain, "-XX:AOTCache=" + aotCp, "-XX:AOTMode=on"), with(plain, "-XX:AOTCacheOutput=" + aotCp), aotCp, Map.of()));
        nativeBuild.ifPresent(n -> variants.add(new Variant(function, n, NATIVE, false, List.of(), null, null, Map.of())));
        return variants;
    }

    /** The same functions from earlier commits (comma-separated refs), each built in a worktree of its own under target/bench. */
    private List<Artifact> baselines() throws IOException, InterruptedException {
        // -Dbench.baseline.zip=a.zip or label=a.zip,label=b.zip: zips built elsewhere (another build setting, say), each a row.
        String zips = System.getProperty("bench.baseline.zip", "");
        List<Artifact> artifacts = new ArrayList<>();
        int given = 0;
        for (String entry : zips.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String label = entry.contains("=") ? entry.substring(0, entry.indexOf('=')).strip() : "given zip";
            Path zip = Path.of(entry.contains("=") ? entry.substring(entry.indexOf('=') + 1).strip() : entry.strip());
            zipBytes.put(label, Files.size(zip));
            artifacts.add(new Artifact(label, PackagedFunction.unpack(zip, work.resolve("baseline-task-root-" + given++)), false));
        }
        if (!artifacts.isEmpty() && System.getProperty("bench.baseline.ref", "").isBlank()) {
            return artifacts;
        }
        for (String ref : System.getProperty("bench.baseline.ref", DEFAULT_BASELINE_REF).split(",")) {
            if (!ref.isBlank()) {
                Path built = buildAt(ref.strip());
                zipBytes.put("commit " + ref.strip(), Files.size(built));
                artifacts.add(new Artifact("commit " + ref.strip(), PackagedFunction.unpack(built, work.resolve("baseline-task-root-" + ref.strip())), false));
            }
        }
        return artifacts;
    }

    private Path buildAt(String ref) throws IOException, InterruptedException {
        Path tree = Bench.resultsDirectory().resolve("baseline-source-" + ref).toAbsolutePath();
        run(List.of("git", "worktree", "remove", "--force", tree.toString()), Path.of("."), true);
        run(List.of("git", "worktree", "add", "--detach", tree.toString(), ref), Path.of("."), false);
        run(List.of("./mvnw", "-B", "-q", "-ntp", "package", "-DskipTests"), tree, false);
        return tree.resolve("target").resolve("function.zip");
    }

    private Optional<Artifact> nativeBuild() {
        Path zip = Path.of(System.getProperty("bench.native.zip", TARGET.resolve("native").resolve("function.zip").toString()));
        if (!Files.isRegularFile(zip)) {
            return Optional.empty();
        }
        zipBytes.put(NATIVE, sizeOf(zip));
        return Optional.of(new Artifact(NATIVE, PackagedFunction.unpack(zip, work.resolve("native-task-root")), true));
    }

    private void train(Variant variant) throws IOException {
        Files.deleteIfExists(variant.archive());
        PackagedFunction.Options options = options("train-" + variant.id(), variant).withJvmOptions(variant.trainingOptions());
        PackagedFunction function = PackagedFunction.start(options);
        try {
            for (int round = 0; round < 5; round++) {
                for (String event : trainingEvents(variant.function(), round)) {
                    function.invoke(event);
                }
            }
        } catch (RuntimeException e) {
            function.close();
            throw e;
        }
        Optional<Integer> exit = function.shutDown(Duration.ofMinutes(3));
        if (!Files.exists(variant.archive())) {
            throw new IllegalStateException(variant.id() + ": training run exited with " + exit + " but wrote no "
                    + variant.archive() + "; see " + options.log());
        }
    }

    /** Every kind of event the function takes, as a training run for an archive should see them. */
    private List<String> trainingEvents(String function, int round) {
        if (function.equals("status-page")) {
            return List.of(functionUrlGet("/", "text/html"), functionUrlGet("/api/outstanding", "application/json"),
                    functionUrlGet("/decisions", "text/html"), functionUrlGet("/offers/train-1", "text/html"),
                    functionUrlGet("/api/decisions", "application/json"), functionUrlGet("/no-such-page", "text/html"));
        }
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

    /** The first invocation: a new offer for decide (a query and a transaction), the page for status-page. */
    private String firstEvent(String function) {
        if (function.equals(AwsQuarkusSample.HANDLER)) {
            return AwsQuarkusSample.event();
        }
        return switch (function) {
            case "status-page" -> functionUrlGet("/", "text/html");
            case "notify" -> notifyEvent;
            default -> Events.offer("cold-" + offers.incrementAndGet(), RECEIVED, null);
        };
    }

    private Sample measure(Variant variant, int round) {
        PackagedFunction.Options options = options("run-" + variant.id() + "-" + round, variant).withJvmOptions(variant.runOptions());
        try (PackagedFunction function = PackagedFunction.start(options)) {
            LocalRuntimeApi.Answer answer = function.invoke(firstEvent(variant.function()));
            String expected = switch (variant.function()) {
                case "decide" -> "PENDING_FIRST_REFUSAL";
                case "notify" -> "\"batchItemFailures\":[]";
                default -> "\"statusCode\":200";
            };
            if (answer.isError() || !answer.body().replace(" ", "").contains(expected)) {
                throw new IllegalStateException(variant.id() + ": unexpected answer " + answer + "; see " + options.log());
            }
            long rss = function.rssKb().orElse(-1);
            long cpu = function.cpuMs().orElse(-1);
            // Read before the warm decisions below add to them: what the JVM did up to the first answer.
            JvmCounters jvm = variant.artifact().isNative() ? null : JvmCounters.read(jdk.home().resolve("bin").resolve("jcmd"), function.pid());
            List<Double> warm = new ArrayList<>();
            if (variant.function().equals("decide") && variant.runOptions().equals(PackagedFunction.DEFAULT_JVM_OPTIONS)
                    && !variant.artifact().isNative() && (variant.name().startsWith("before") || variant.name().contains("as shipped"))) {
                for (int i = 0; i < WARM_DECISIONS; i++) {
                    String event = firstEvent("decide");
                    long started = System.nanoTime();
                    LocalRuntimeApi.Answer warmAnswer = function.invoke(event);
                    warm.add((System.nanoTime() - started) / 1e6);
                    if (warmAnswer.isError()) {
                        throw new IllegalStateException(variant.id() + ": " + warmAnswer);
                    }
                }
            }
            return new Sample(variant, round, function.coldStart().orElseThrow().toMillis(), function.init().orElseThrow().toMillis(),
                    rss, warm, jvm, deploymentReadMs(options.log()), cpu);
        }
    }

    /** The deployment record's read at init, from the function's log; -1 where the build has none (before issue 28). */
    private static long deploymentReadMs(Path log) {
        try {
            java.util.regex.Matcher m = DEPLOYMENT_READ.matcher(Files.readString(log));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per variant whose build reads the deployment record at init: the median of what that read took. */
    private String deploymentReads(List<Variant> variants, List<Sample> samples) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n### The deployment record at start (config/Wiring's log line)%n%n"
                + "The first start on the empty table (a query, then the conditional write): %s ms. Every later start reads it"
                + " with one query:%n%n| function, variant | cores | read at init, median ms | min | max |%n|---|---|---:|---:|---:|%n",
                firstDeploymentMs < 0 ? "–" : Long.toString(firstDeploymentMs)));
        for (Variant v : variants) {
            double[] read = samples.stream().filter(s -> s.variant() == v && s.deploymentReadMs() >= 0)
                    .mapToDouble(Sample::deploymentReadMs).toArray();
            if (read.length > 0) {
                md.append(String.format(Locale.ROOT, "| %s, %s | %s | %s | %s | %s |%n", v.function(), v.label(),
                        v.cpus() != null ? "1 (taskset)" : "2", fmt(median(read)), fmt(Arrays.stream(read).min().orElseThrow()),
                        fmt(Arrays.stream(read).max().orElseThrow())));
            }
        }
        return md.toString();
    }

    private static String profileKey(String function, Artifact artifact) {
        return function + " (" + artifact.name() + ")";
    }

    /**
     * One more plain run with class loading logged: what the init and the first answer load, as shipped (Quarkus' class
     * preload, where the build wrote its list, included: it is part of every start).
     */
    private InitProfile profile(String function, Artifact current) throws IOException {
        Path classLog = work.resolve("class-load-" + function + "-" + current.name().replaceAll("[^A-Za-z0-9-]+", "-") + ".log");
        Files.deleteIfExists(classLog);
        Variant plain = new Variant(function, current, "profile", false, null, null, null, Map.of());
        PackagedFunction.Options options = options("profile-" + function + "-" + current.name().replaceAll("[^A-Za-z0-9-]+", "-"), plain)
                .withJvmOptions(with(PackagedFunction.DEFAULT_JVM_OPTIONS, "-Xlog:class+load=info:file=" + classLog + ":uptime"));
        long initMs;
        long coldStartMs;
        try (PackagedFunction fn = PackagedFunction.start(options)) {
            fn.invoke(firstEvent(function));
            initMs = fn.init().orElseThrow().toMillis();
            coldStartMs = fn.coldStart().orElseThrow().toMillis();
        }
        return InitProfile.read(classLog, initMs, coldStartMs);
    }

    private PackagedFunction.Options options(String name, Variant variant) {
        PackagedFunction.Options options = PackagedFunction.Options.of("first-refusal-" + variant.function(), variant.artifact().taskRoot(),
                        work.resolve("logs").resolve(name + ".log"))
                .withJava(jdk.java())
                .withClassPath(variant.onClassPath() ? appClassPath(variant.artifact().taskRoot()) : List.of())
                .withEnvironment("QUARKUS_LAMBDA_HANDLER", variant.function())
                .withEnvironment("CAPACITY_TABLE", TABLE)
                .withEnvironment("CAPACITY_TABLE_CREATE", "false")
                .withEnvironment("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbLocal.endpoint())
                .withEnvironment("STATUS_PAGE_CURSOR_KEY", "a-key-for-this-bench-only")
                .withEnvironment("CAPACITY_EVENTS_ENDPOINT_OVERRIDE", bus.endpoint())
                // The sample's: its table, and DynamoDB Local by the SDK's own endpoint variable (its client has no override).
                .withEnvironment("PRODUCT_TABLE_NAME", AwsQuarkusSample.TABLE)
                .withEnvironment("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbLocal.endpoint());
        if (variant.cpus() != null) {
            options = options.pinnedTo(variant.cpus());
        }
        for (Map.Entry<String, String> e : variant.environment().entrySet()) {
            options = options.withEnvironment(e.getKey(), e.getValue());
        }
        return variant.artifact().isNative() ? options.asNative() : options;
    }

    /** The task root's own classes as one jar (the JVM archives nothing from a directory), then its {@code lib/} jars. */
    private List<Path> appClassPath(Path taskRoot) {
        Path jar = work.resolve("app-classes.jar");
        try {
            if (!Files.exists(jar)) {
                try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(taskRoot)) {
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
            }
            List<Path> entries = new ArrayList<>(List.of(jar));
            try (var libs = Files.list(taskRoot.resolve("lib"))) {
                entries.addAll(libs.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where each function's one-core cold start spends its CPU: {@code bench.coldstart.samples} more pinned starts (default
     * 5) with JFR sampling every millisecond, the samples up to the first answer charged to their cause ({@link StartupSamples}).
     */
    private Map<String, StartupSamples> startupSamples(List<Variant> variants) {
        Path jfc = StartupSamples.settings(work);
        Map<String, StartupSamples> byFunction = new LinkedHashMap<>();
        int runs = Integer.getInteger("bench.coldstart.samples", 5);
        // The shipped build and the sample: earlier commits are for the timing tables only.
        for (Variant v : variants.stream().filter(v -> v.name().equals("as shipped" + PINNED) && !v.artifact().isNative()).toList()) {
            StartupSamples cpu = new StartupSamples();
            for (int round = 1; round <= runs; round++) {
                Path recording = work.resolve("jfr").resolve(v.id().replaceAll("[^A-Za-z0-9-]+", "-") + "-" + round + ".jfr");
                createDirectories(recording.getParent());
                PackagedFunction.Options options = options("jfr-" + v.id() + "-" + round, v).withJvmOptions(with(v.runOptions(),
                        "-XX:StartFlightRecording=filename=" + recording + ",settings=" + jfc + ",dumponexit=true"));
                long coldStartMs;
                try (PackagedFunction function = PackagedFunction.start(options)) {
                    LocalRuntimeApi.Answer answer = function.invoke(firstEvent(v.function()));
                    if (answer.isError()) {
                        throw new IllegalStateException(v.id() + ": " + answer + "; see " + options.log());
                    }
                    coldStartMs = function.coldStart().orElseThrow().toMillis();
                    function.shutDown(Duration.ofMinutes(1));
                }
                cpu.add(recording, coldStartMs);
            }
            byFunction.put(v.function(), cpu);
        }
        return byFunction;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Has decide (the packaged function) record one new offer, and reads the stream event Lambda would hand notify for it. */
    private String streamEventOfOneDecision(DynamoDbClient dynamoDb, Artifact current) {
        Variant decide = new Variant("decide", current, "stream", false, PackagedFunction.DEFAULT_JVM_OPTIONS, null, null, Map.of());
        try (PackagedFunction function = PackagedFunction.start(options("stream-event", decide))) {
            LocalRuntimeApi.Answer answer = function.invoke(Events.offer("notify-cold-start", RECEIVED, null));
            if (answer.isError()) {
                throw new IllegalStateException("decide failed: " + answer);
            }
            // The first function on this table: it found no deployment on record and wrote this one.
            firstDeploymentMs = deploymentReadMs(function.log());
        }
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            List<String> events = new ArrayList<>();
            new StreamPoller(streams, StreamPoller.streamArn(dynamoDb, TABLE), 1, "us-east-1").poll(event -> {
                events.add(event);
                return "{\"batchItemFailures\": []}";
            });
            return events.stream().filter(e -> e.contains("HISTORY#")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no history item on the stream: " + events));
        }
    }

    private void write(List<Variant> variants, List<Sample> samples, Map<String, InitProfile> profiles, boolean hasBaseline,
            Map<String, StartupSamples> cpu) {
        StringBuilder csv = new StringBuilder("function,artifact,variant,round,cold_start_ms,init_ms,rss_kb,cpu_ms,deployment_read_ms\n");
        samples.forEach(s -> csv.append(String.format(Locale.ROOT, "%s,%s,\"%s\",%d,%d,%d,%d,%d,%d%n", s.variant().function(),
                s.variant().artifact().name(), s.variant().name(), s.round(), s.coldStartMs(), s.initMs(), s.rssKb(), s.cpuMs(),
                s.deploymentReadMs())));
        Bench.write(work.resolve("cold-start.csv"), csv.toString());
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "JDK: %s. %d runs of each variant, round robin.%n",
                jdk.version(), samples.size() / variants.size()));
        if (PEER) {
            md.append(sideBySide(variants, samples, profiles));
        }
        md.append(jvmWork(variants, samples));
        md.append(deploymentReads(variants, samples));
        for (String function : functions) {
            List<Variant> mine = variants.stream().filter(v -> v.function().equals(function)).toList();
            Variant baseline = mine.getFirst();
            double baselineMs = median(values(samples, baseline, Sample::coldStartMs));
            double baselineRss = median(values(samples, baseline, Sample::rssKb));
            md.append(String.format(Locale.ROOT, "%n### %s%n%nFirst answered invocation; ratios against \"%s\".%n%n", function,
                    baseline.label()));
            md.append("| variant | median ms | min | max | init median ms | first invocation median ms | RSS after, MB | vs baseline | RSS vs baseline |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Variant v : mine) {
                double[] cold = values(samples, v, Sample::coldStartMs);
                double[] init = values(samples, v, Sample::initMs);
                double[] first = samples.stream().filter(s -> s.variant() == v).mapToDouble(s -> s.coldStartMs() - s.initMs()).toArray();
                double rss = median(values(samples, v, Sample::rssKb));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f |%n", v.label(), fmt(median(cold)),
                        fmt(Arrays.stream(cold).min().orElseThrow()), fmt(Arrays.stream(cold).max().orElseThrow()), fmt(median(init)),
                        fmt(median(first)), fmt(rss / 1024), median(cold) / baselineMs, rss / baselineRss));
            }
        }
        if (!hasBaseline) {
            md.append("\n(No baseline build: the first row of each table is the reference.)\n");
        }
        md.append(String.format(Locale.ROOT, "%n### decide, warm: the %d decisions after each cold start (new offers, a query and a"
                + " transaction each)%n%n| variant | decisions | median ms | p90 ms | p99 ms |%n|---|---:|---:|---:|---:|%n", WARM_DECISIONS));
        for (Variant v : variants) {
            double[] warm = samples.stream().filter(s -> s.variant() == v).flatMap(s -> s.warmMs().stream()).mapToDouble(Double::doubleValue)
                    .toArray();
            if (warm.length > 0) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", v.label(), warm.length, fmt(median(warm)),
                        fmt(firstrefusal.bench.Bench.percentile(warm, 90)), fmt(firstrefusal.bench.Bench.percentile(warm, 99))));
            }
        }
        profiles.forEach((key, profile) -> md.append("\n").append(profile.markdown(jdk.label() + " " + key)));
        cpu.forEach((function, recorded) -> md.append(recorded.markdown(function + ", one core")));
        Bench.write(work.resolve("cold-start.md"), md.toString());
    }

    /**
     * Each function beside the sample, unpinned and on one core: first answer, classes to it (JVM), RSS, zip. A JVM row is
     * compared with the sample on the JVM, a native row with the sample's native variant (when it was built) and with
     * this build's own JVM start of the same function on the same cores.
     */
    private String sideBySide(List<Variant> variants, List<Sample> samples, Map<String, InitProfile> profiles) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n### Beside AWS's Quarkus sample%n%n"
                + "| function | cores | first answer, median ms | min | max | CPU to it, median ms | vs the sample of its kind"
                + " | vs this build's JVM | classes loaded to the first answer | RSS after, MB | zip bytes |%n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
        for (boolean pinned : List.of(false, true)) {
            for (boolean isNative : List.of(false, true)) {
                Optional<Variant> peer = variants.stream().filter(v -> v.function().equals(AwsQuarkusSample.HANDLER)
                        && (v.cpus() != null) == pinned && v.artifact().isNative() == isNative).findFirst();
                double peerMs = peer.map(p -> median(values(samples, p, Sample::coldStartMs))).orElse(Double.NaN);
                for (Variant v : variants.stream().filter(v -> (v.cpus() != null) == pinned && v.artifact().isNative() == isNative).toList()) {
                    double[] cold = values(samples, v, Sample::coldStartMs);
                    String vsJvm = "–";
                    if (isNative) {
                        Optional<Variant> jvm = variants.stream().filter(j -> j.function().equals(v.function()) && (j.cpus() != null) == pinned
                                && !j.artifact().isNative() && (j.name().startsWith("as shipped"))).findFirst();
                        if (jvm.isPresent()) {
                            vsJvm = String.format(Locale.ROOT, "%.3f", median(cold) / median(values(samples, jvm.get(), Sample::coldStartMs)));
                        }
                    }
                    InitProfile profile = profiles.get(profileKey(v.function(), v.artifact()));
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %,d |%n",
                            label(v), pinned ? "1 (taskset)" : "2", fmt(median(cold)), fmt(Arrays.stream(cold).min().orElseThrow()),
                            fmt(Arrays.stream(cold).max().orElseThrow()), fmt(median(values(samples, v, Sample::cpuMs))),
                            Double.isNaN(peerMs) ? "–" : String.format(Locale.ROOT, "%.2f", median(cold) / peerMs), vsJvm,
                            profile == null ? "–" : String.format(Locale.ROOT, "%,d", profile.classes()),
                            fmt(median(values(samples, v, Sample::rssKb)) / 1024), zipBytes.get(v.artifact().name())));
                }
            }
        }
        return md.toString();
    }

    private static String label(Variant v) {
        String kind = v.artifact().isNative() ? ", native" : "";
        if (v.function().equals(AwsQuarkusSample.HANDLER)) {
            return "the sample's GetProductById" + kind;
        }
        return v.function() + kind + (v.name().startsWith("before") ? ", " + v.artifact().name()
                : v.environment().isEmpty() ? "" : ", " + System.getProperty("bench.peer.env"));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the JVM itself did up to the first answer, by its own counters: medians per variant. */
    private static String jvmWork(List<Variant> variants, List<Sample> samples) {
        List<Variant> jvm = variants.stream().filter(v -> !v.artifact().isNative()).toList();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n### What the JVM did to the first answer (its counters, medians)%n%n"
                + "| function, variant | first answer ms |"));
        JvmCounters.SHOWN.values().forEach(label -> md.append(' ').append(label).append(" |"));
        md.append("\n|---|---:|").append("---:|".repeat(JvmCounters.SHOWN.size())).append('\n');
        for (Variant v : jvm) {
            md.append(String.format(Locale.ROOT, "| %s, %s | %s |", v.function(), v.label(), fmt(median(values(samples, v, Sample::coldStartMs)))));
            for (String counter : JvmCounters.SHOWN.keySet()) {
                md.append(' ').append(fmt(median(values(samples, v, s -> s.jvm().values().get(counter))))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static double[] values(List<Sample> samples, Variant variant, java.util.function.ToLongFunction<Sample> value) {
        return samples.stream().filter(s -> s.variant() == variant).mapToDouble(value::applyAsLong).toArray();
    }

    private DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A Lambda Function URL (payload 2.0) GET. */
    private static String functionUrlGet(String path, String accept) {
        return """
                {"version": "2.0", "routeKey": "$default", "rawPath": "%s", "rawQueryString": "",
                 "headers": {"accept": "%s", "host": "abc123.lambda-url.us-east-1.on.aws"},
                 "requestContext": {"http": {"method": "GET", "path": "%s", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"},
                   "requestId": "cold-start", "timeEpoch": 1737471600000},
                 "isBase64Encoded": false}""".formatted(path, accept, path);
    }

    private static void run(List<String> command, Path directory, boolean mayFail) throws IOException, InterruptedException {
        Path log = Bench.resultsDirectory().resolve("baseline-build.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0 && !mayFail) {
            throw new IllegalStateException("failed: " + String.join(" ", command) + "; see " + log);
        }
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
