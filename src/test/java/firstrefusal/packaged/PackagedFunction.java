package firstrefusal.packaged;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Lambda execution environment for the packaged {@code function.zip}, started the way the managed Java
 * runtime starts it: a JVM whose class path holds only the runtime interface client, working directory the
 * unpacked task root (the client loads the function's classes and {@code lib/*.jar} from there, in a class
 * loader of its own, as in Lambda), the handler string as argument, and a clean Lambda-like environment
 * pointing at a {@link LocalRuntimeApi}. Which java and which JVM options are {@link Options}, so a cold-start
 * benchmark can reuse it; it records the wall time from process start to the first answered invocation.
 */
final class PackagedFunction implements AutoCloseable {

    /** The handler of every function in the artifact; QUARKUS_LAMBDA_HANDLER picks the bean. */
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /**
     * JVM options by default: tiered compilation stopping at C1, which AWS documents as the default of its Java 17+
     * runtimes; and the opening the artifact's manifest asks for ({@code Add-Opens: java.base/java.lang}), which
     * Lambda's class-path launch never reads. Java 21 does not need it; on 24+ JBoss Threads fails without it, so
     * it lets a newer JDK stand in for java21 here.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.lang=ALL-UNNAMED");

    /**
     * How to start the environment. {@code environment} is added to (and may override) the Lambda variables;
     * {@code classPath} goes on the JVM's class path after the runtime client's (empty in the managed runtime).
     */
    record Options(String functionName, Path taskRoot, Path log, Path javaBinary, List<String> jvmOptions,
            Map<String, String> environment, int memoryMb, Duration invocationTimeout, List<Path> classPath,
            boolean nativeBootstrap, String cpus) {

        /** This JVM's java, the default options, 256 MB (as the generated SAM template), a 60 s invocation limit. */
        static Options of(String functionName, Path taskRoot, Path log) {
            return new Options(functionName, taskRoot, log, Path.of(System.getProperty("java.home"), "bin", "java"),
                    DEFAULT_JVM_OPTIONS, Map.of(), 256, Duration.ofSeconds(60), List.of(), false, null);
        }

        Options withJava(Path binary) {
            return new Options(functionName, taskRoot, log, binary, jvmOptions, environment, memoryMb, invocationTimeout,
                    classPath, nativeBootstrap, cpus);
        }

        Options withJvmOptions(List<String> options) {
            return new Options(functionName, taskRoot, log, javaBinary, options, environment, memoryMb, invocationTimeout,
                    classPath, nativeBootstrap, cpus);
        }

        Options withEnvironment(String name, String value) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put(name, value);
            return new Options(functionName, taskRoot, log, javaBinary, jvmOptions, env, memoryMb, invocationTimeout,
                    classPath, nativeBootstrap, cpus);
        }

        /** A native build: the task root's {@code bootstrap} is the process, as the {@code provided.al2023} runtime starts it. */
        Options asNative() {
            return new Options(functionName, taskRoot, log, javaBinary, List.of(), environment, memoryMb, invocationTimeout,
                    List.of(), true, cpus);
        }

        /** As a container image or custom runtime may start it: these entries on the JVM's own class path too. */
        Options withClassPath(List<Path> entries) {
            return new Options(functionName, taskRoot, log, javaBinary, jvmOptions, environment, memoryMb, invocationTimeout,
                    List.copyOf(entries), nativeBootstrap, cpus);
        }

        /** The process confined to these CPUs ({@code taskset -c}), as a small Lambda gets about one core. */
        Options pinnedTo(String cpuList) {
            return new Options(functionName, taskRoot, log, javaBinary, jvmOptions, environment, memoryMb, invocationTimeout,
                    classPath, nativeBootstrap, cpuList);
        }
    }

    private final Options options;
    private final LocalRuntimeApi runtimeApi;
    private final Process process;
    private final long startedNanos;
    private volatile Duration coldStart;

    private PackagedFunction(Options options, LocalRuntimeApi runtimeApi, Process process, long startedNanos) {
        this.options = options;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Extracts a deployment zip into an empty folder, as Lambda does into its task root. */
    static Path unpack(Path zip, Path taskRoot) {
        try {
            deleteRecursively(taskRoot);
            Files.createDirectories(taskRoot);
            try (ZipFile file = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : file.stream().toList()) {
                    Path target = taskRoot.resolve(entry.getName()).normalize();
                    if (!target.startsWith(taskRoot)) {
                        throw new IllegalStateException("Zip entry escapes the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = file.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        // Lambda keeps the zip's file modes; Java's zip reader does not: the runtime's entry point runs.
                        if (entry.getName().equals("bootstrap")) {
                            target.toFile().setExecutable(true);
                        }
                    }
                }
            }
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PackagedFunction start(Options options) {
        List<String> command = new ArrayList<>();
        if (options.cpus() != null) {
            command.addAll(List.of("taskset", "-c", options.cpus()));
        }
        if (options.nativeBootstrap()) {
            command.add(options.taskRoot().resolve("bootstrap").toString());
        } else {
            command.add(options.javaBinary().toString());
            command.addAll(options.jvmOptions());
            command.add("-cp");
            command.add(String.join(File.pathSeparator, Stream.concat(RuntimeInterfaceClient.classPath().stream(),
                    options.classPath().stream()).map(Path::toString).toList()));
            command.add(RuntimeInterfaceClient.MAIN_CLASS);
            command.add(HANDLER);
        }
        LocalRuntimeApi runtimeApi = new LocalRuntimeApi(options.functionName(), options.invocationTimeout());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.taskRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(options.log().toFile()));
        // A clean environment, as in Lambda: nothing of the build (JAVA_TOOL_OPTIONS, QUARKUS_*) leaks in.
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(options, runtimeApi));
        builder.environment().putAll(options.environment());
        try {
            Files.createDirectories(options.log().getParent());
            // The log starts with how the process was started, for diagnosing a failed run.
            Files.writeString(options.log(), "# cwd " + options.taskRoot() + "\n# env " + builder.environment()
                    + "\n# " + String.join(" ", command) + "\n");
            long startedNanos = System.nanoTime();
            return new PackagedFunction(options, runtimeApi, builder.start(), startedNanos);
        } catch (IOException e) {
            runtimeApi.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The variables Lambda sets for a java21 function (the subset a Java function can observe and use). */
    private static Map<String, String> lambdaEnvironment(Options options, LocalRuntimeApi runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("_HANDLER", HANDLER);
        env.put("LAMBDA_TASK_ROOT", options.taskRoot().toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", options.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(options.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + options.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        // Dummy credentials; DynamoDB Local keys its in-memory data by access key and region, so tests reading
        // the table must use the same ones.
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    /** Invokes the function synchronously, as {@code lambda:Invoke} does; fails fast if the environment died. */
    LocalRuntimeApi.Answer invoke(String eventJson) {
        return invoke(eventJson, null);
    }

    /** ... through its alias {@code qualifier} (null: unqualified). */
    LocalRuntimeApi.Answer invoke(String eventJson, String qualifier) {
        CompletableFuture<LocalRuntimeApi.Answer> answer = runtimeApi.submit(eventJson, qualifier);
        LocalRuntimeApi.Answer result = await(answer, options.invocationTimeout(), "an answer to " + eventJson);
        if (coldStart == null) {
            coldStart = Duration.ofNanos(System.nanoTime() - startedNanos);
        }
        return result;
    }

    /** Waits for the runtime to report a failed initialisation. */
    LocalRuntimeApi.Answer awaitInitError(Duration timeout) {
        return await(runtimeApi.initError(), timeout, "an init error");
    }

    /** The process's resident memory now, from {@code /proc} (Linux), in KiB. */
    OptionalLong rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The CPU time the process has used so far (user and system, from {@code /proc/<pid>/stat}, Linux), in ms; beside
     * the wall time it says how much of a start was spent waiting rather than computing.
     */
    OptionalLong cpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15 of stat
            return OptionalLong.of(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code getconf CLK_TCK}: 100 on every Linux this runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Wall time from process start to the first answered invocation, once there was one. */
    Optional<Duration> coldStart() {
        return Optional.ofNullable(coldStart);
    }

    /** Wall time from process start to the runtime's first request for an event: its init phase. */
    Optional<Duration> init() {
        long polled = runtimeApi.firstPollNanos();
        return polled == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(polled - startedNanos));
    }

    /**
     * Ends the environment the way Lambda does, with SIGTERM, and waits for the JVM to exit by itself: a JVM
     * asked to write a CDS archive or an AOT cache at exit needs the time. Returns the exit code, if it exited.
     */
    Optional<Integer> shutDown(Duration wait) {
        process.destroy();
        Optional<Integer> code = exitCode(wait);
        close();
        return code;
    }

    Optional<Integer> exitCode(Duration wait) {
        try {
            boolean exited = process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
            return exited ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    Path log() {
        return options.log();
    }

    /** The process id: with {@code taskset} in front, still the function's own (taskset runs it in its place). */
    long pid() {
        return process.pid();
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // A dead runtime never answers: say so at once rather than at the timeout.
                if (!process.isAlive() && !future.isDone()) {
                    throw new IllegalStateException("The function process exited with " + process.exitValue()
                            + " while waiting for " + what + "; see " + options.log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what + "; see "
                            + options.log());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** Stops the JVM (and anything it started), then the Runtime API. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            runtimeApi.close();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
