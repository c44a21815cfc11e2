import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * {@code native-image} for the toolchain toolchain.sh assembles: Maven publishes SubstrateVM's image builder
 * but not its command-line driver, so this is a small one. It does what the real driver does for the options
 * Quarkus passes: expands {@code @argfiles}, turns the user-facing options ({@code --features},
 * {@code --no-fallback}, {@code --initialize-at-run-time}, {@code -march}, {@code -o}, {@code -jar}, ...) into
 * the builder's {@code -H:} options, reads the class path's {@code META-INF/native-image/.../native-image.properties}
 * ({@code Args}, {@code JavaArgs}), and starts {@code NativeImageGeneratorRunner} on a JVMCI-enabled JVM with the
 * builder jars on the module path. An option it does not know stops the build, rather than being dropped.
 */
public final class NativeImage {

    /** User-facing options that set one builder option to the value given ({@code --name=value}). */
    private static final Map<String, String> VALUED = Map.ofEntries(
            Map.entry("features", "Features"),
            Map.entry("enable-url-protocols", "EnableURLProtocols"),
            Map.entry("link-at-build-time", "LinkAtBuildTime"),
            Map.entry("link-at-build-time-paths", "LinkAtBuildTimePaths"),
            Map.entry("add-exports", "AddExports"),
            Map.entry("add-opens", "AddOpens"),
            Map.entry("add-reads", "AddReads"),
            Map.entry("enable-native-access", "EnableNativeAccess"),
            Map.entry("libc", "UseLibC"),
            Map.entry("parallelism", "NumberOfThreads"),
            Map.entry("trace-class-initialization", "TraceClassInitialization"),
            Map.entry("trace-object-instantiation", "TraceObjectInstantiation"),
            Map.entry("enable-monitoring", "EnableMonitoringFeatures"),
            Map.entry("future-defaults", "FutureDefaults"),
            Map.entry("exact-reachability-metadata", "ThrowMissingRegistrationErrors"),
            Map.entry("native-compiler-options", "CCompilerOption"));

    /** Options without a value: the builder option they stand for. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("no-fallback", "FallbackThreshold=0"),
            Map.entry("auto-fallback", "FallbackThreshold=5"),
            Map.entry("force-fallback", "FallbackThreshold=10"),
            Map.entry("enable-http", "EnableURLProtocols=http"),
            Map.entry("enable-https", "EnableURLProtocols=https"),
            Map.entry("link-at-build-time", "LinkAtBuildTime="),
            Map.entry("report-unsupported-elements-at-runtime", "+ReportUnsupportedElementsAtRuntime"),
            Map.entry("allow-incomplete-classpath", "+AllowIncompleteClasspath"),
            Map.entry("enable-all-security-services", "+EnableAllSecurityServices"),
            Map.entry("install-exit-handlers", "+InstallExitHandlers"),
            Map.entry("static", "+StaticExecutable"),
            Map.entry("shared", "+SharedLibrary"),
            Map.entry("strict-image-heap", "+StrictImageHeap"),
            Map.entry("enable-monitoring", "EnableMonitoringFeatures=all"),
            Map.entry("exact-reachability-metadata", "ThrowMissingRegistrationErrors="));

    private final Path home;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> builderArgs = new ArrayList<>();
    private final Set<String> classPath = new LinkedHashSet<>();
    private String jar;
    private String mainClass;
    private String imageName;
    private boolean verbose;

    private NativeImage(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        // This class is in <home>/lib/svm/driver.
        Path home = Path.of(NativeImage.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().getParent().getParent();
        NativeImage driver = new NativeImage(home);
        List<String> argv = expandArgFiles(Arrays.asList(args));
        if (argv.contains("--version") || argv.contains("-version")) {
            driver.printVersion();
            return;
        }
        driver.parse(argv, "command line");
        System.exit(driver.build());
    }

    /**
     * In GraalVM's three-line format, which Quarkus parses (io.quarkus.deployment.pkg.steps.GraalVM.Version):
     * the JDK's version on the first line, the SubstrateVM version after "jvmci-" in the second line's build.
     */
    private void printVersion() throws IOException {
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("release"))) {
            release.load(in);
        }
        String javaVersion = unquote(release.getProperty("JAVA_VERSION"));
        String javaDate = unquote(release.getProperty("JAVA_VERSION_DATE", "\"\""));
        String runtime = unquote(release.getProperty("JAVA_RUNTIME_VERSION", "\"" + javaVersion + "\""));
        String svm = svmVersion();
        System.out.println("native-image " + javaVersion + " " + javaDate);
        System.out.println("GraalVM Runtime Environment SubstrateVM-" + svm + "-from-Maven (build " + runtime + "-jvmci-" + svm + ")");
        System.out.println("Substrate VM SubstrateVM-" + svm + "-from-Maven (build " + runtime + ", serial gc)");
    }

    private String svmVersion() throws IOException {
        return Files.readString(home.resolve("lib/svm/VERSION")).strip();
    }

    /** One argument per line or whitespace-separated, double or single quotes group (as the JDK's @files). */
    private static List<String> expandArgFiles(List<String> args) throws IOException {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("@") && arg.length() > 1) {
                out.addAll(expandArgFiles(tokenize(Files.readString(Path.of(arg.substring(1))))));
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    token.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
                i++; // line continuation (properties files)
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    inToken = false;
                }
            } else {
                token.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private void parse(List<String> args, String origin) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-J")) {
                jvmArgs.add(arg.substring(2));
            } else if (arg.startsWith("-H:") || arg.startsWith("-R:")) {
                builderArgs.add(arg);
            } else if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                classPath.addAll(Arrays.asList(args.get(++i).split(java.io.File.pathSeparator)));
            } else if (arg.equals("-jar")) {
                jar = args.get(++i);
            } else if (arg.equals("-o")) {
                imageName = args.get(++i);
            } else if (arg.startsWith("-march=")) {
                builderArgs.add("-H:MicroArchitecture=" + arg.substring("-march=".length()));
            } else if (arg.startsWith("-O")) {
                builderArgs.add("-H:Optimize=" + arg.substring(2));
            } else if (arg.equals("-g")) {
                builderArgs.add("-H:GenerateDebugInfo=2");
            } else if (arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.equals("--exclude-config")) {
                // The real driver drops the native-image.properties and JSON configuration of jars matching a
                // pattern; the builder reads the JSON files itself, so here only the properties are skipped.
                excludedJars.add(java.util.regex.Pattern.compile(args.get(++i)));
                i++;
            } else if (arg.startsWith("--initialize-at-build-time") || arg.startsWith("--initialize-at-run-time")) {
                // Each class or package becomes "<name>:build_time" / "<name>:run_time"; none means all.
                String when = arg.startsWith("--initialize-at-build-time") ? "build_time" : "run_time";
                int eq = arg.indexOf('=');
                String value = eq < 0 ? "" : arg.substring(eq + 1);
                List<String> names = new ArrayList<>();
                for (String name : value.split(",", -1)) {
                    names.add(name + ":" + when);
                }
                builderArgs.add("-H:ClassInitialization=" + String.join(",", names));
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq < 0 ? arg.length() : eq);
                if (eq >= 0 && VALUED.containsKey(name)) {
                    builderArgs.add("-H:" + VALUED.get(name) + "=" + arg.substring(eq + 1));
                } else if (eq < 0 && FIXED.containsKey(name)) {
                    builderArgs.add("-H:" + FIXED.get(name));
                } else {
                    throw new IllegalArgumentException("native-image (toolchain driver): unsupported option " + arg
                            + " from " + origin + "; add it to src/native/driver/NativeImage.java");
                }
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("native-image (toolchain driver): unsupported option " + arg + " from " + origin);
            } else if (jar == null && mainClass == null) {
                mainClass = arg;
            } else {
                imageName = arg;
            }
        }
    }

    private final List<java.util.regex.Pattern> excludedJars = new ArrayList<>();

    private int build() throws IOException, InterruptedException {
        if (jar != null) {
            Path jarPath = Path.of(jar).toAbsolutePath();
            classPath.add(jarPath.toString());
            try (JarFile file = new JarFile(jarPath.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest != null) {
                    mainClass = manifest.getMainAttributes().getValue("Main-Class");
                    String entries = manifest.getMainAttributes().getValue("Class-Path");
                    if (entries != null) {
                        for (String entry : entries.trim().split("\\s+")) {
                            classPath.add(jarPath.getParent().resolve(Path.of(URI.create(entry).getPath())).toString());
                        }
                    }
                }
            }
            if (imageName == null) {
                imageName = jarPath.getFileName().toString().replaceFirst("\\.jar$", "");
            }
        }
        // The class path's own META-INF/native-image: more options (native-image.properties) and reachability
        // metadata (reflect-config.json and its siblings; Quarkus writes its registrations there), from every library.
        Set<String> metadata = new LinkedHashSet<>();
        for (String entry : List.copyOf(classPath)) {
            if (excludedJars.stream().noneMatch(p -> p.matcher(entry).find())) {
                for (Map.Entry<String, String> props : metaInf(Path.of(entry), metadata)) {
                    Properties p = new Properties();
                    p.load(new java.io.StringReader(props.getValue()));
                    parse(tokenize(p.getProperty("Args", "")), props.getKey());
                    jvmArgs.addAll(tokenize(p.getProperty("JavaArgs", "")));
                }
            }
        }
        builderArgs.addAll(metadata);
        if (imageName == null && mainClass != null) {
            imageName = mainClass.substring(mainClass.lastIndexOf('.') + 1).toLowerCase();
        }

        Path builder = home.resolve("lib/svm/builder");
        List<String> modulePath = new ArrayList<>();
        String upgradeModulePath = null;
        try (Stream<Path> jars = Files.list(builder)) {
            for (Path jarFile : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                if (jarFile.getFileName().toString().equals("compiler.jar")) {
                    upgradeModulePath = jarFile.toString(); // the Graal compiler replaces the JDK's jdk.graal.compiler
                } else {
                    modulePath.add(jarFile.toString());
                }
            }
        }
        String svm = svmVersion();
        Path clibraries = home.resolve("lib/svm/clibraries");

        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/java").toString());
        command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
                "-Xss10m", "-XX:GCTimeRatio=9", "-XX:+ExitOnOutOfMemoryError", "-Xshare:off",
                "-Djava.awt.headless=true",
                "-Dorg.graalvm.vendor=SubstrateVM from Maven", "-Dorg.graalvm.version=" + svm,
                "-Dorg.graalvm.vendorversion=SubstrateVM-" + svm + "-from-Maven",
                "-Dcom.oracle.graalvm.isaot=true", "-Dorg.graalvm.nativeimage.imagecode=buildtime",
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
                "-Djdk.reflect.useOldSerializableConstructor=true",
                "-Djdk.internal.lambda.disableEagerInitialization=true",
                "-Djdk.internal.lambda.eagerlyInitialize=false",
                "-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false",
                "-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1",
                "-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false",
                "--add-modules=ALL-DEFAULT",
                // Without native access the image's start-up fails ("platform encoding not initialized").
                "--enable-native-access=ALL-UNNAMED,org.graalvm.nativeimage.builder",
                "@" + home.resolve("lib/svm/builder-jvm.args")));
        if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAMPercentage"))) {
            command.add("-XX:MaxRAMPercentage=50");
        }
        command.addAll(jvmArgs);
        command.addAll(List.of("--module-path", String.join(java.io.File.pathSeparator, modulePath)));
        if (upgradeModulePath != null) {
            command.addAll(List.of("--upgrade-module-path", upgradeModulePath));
        }
        command.addAll(List.of("--module", "org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner"));
        command.addAll(List.of("-imagecp", String.join(java.io.File.pathSeparator, classPath)));
        command.add("-H:CLibraryPath=" + clibraries.resolve("linux-amd64/glibc") + "," + clibraries.resolve("linux-amd64")
                + "," + clibraries);
        command.add("-H:Path=" + Path.of("").toAbsolutePath());
        command.add("-H:ImageBuildID=" + UUID.randomUUID());
        if (mainClass != null) {
            command.add("-H:Class=" + mainClass);
        }
        if (imageName != null) {
            command.add("-H:Name=" + imageName);
        }
        command.addAll(builderArgs);
        if (verbose) {
            System.out.println("Executing [\n" + String.join(" \\\n", command) + "\n]");
        }
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** The metadata files the real driver hands to the builder, by name: the builder option that reads each as a resource. */
    private static final Map<String, String> METADATA = Map.of(
            "reflect-config.json", "ReflectionConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources",
            "reachability-metadata.json", "ReachabilityMetadataResources");

    /**
     * What META-INF/native-image of a jar or directory holds: its native-image.properties (returned, by origin),
     * and its metadata files, added to {@code metadata} as builder options naming them as class-path resources.
     */
    private static List<Map.Entry<String, String>> metaInf(Path entry, Set<String> metadata) throws IOException {
        List<Map.Entry<String, String>> properties = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            Path root = entry.resolve("META-INF/native-image");
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = entry.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                        if (name.endsWith("/native-image.properties")) {
                            properties.add(Map.entry(file.toString(), Files.readString(file)));
                        }
                        addMetadata(name, metadata);
                    }
                }
            }
        } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            try (JarFile file = new JarFile(entry.toFile())) {
                file.stream().filter(e -> e.getName().startsWith("META-INF/native-image/") && !e.isDirectory()).forEach(e -> {
                    if (e.getName().endsWith("/native-image.properties")) {
                        try (InputStream in = file.getInputStream(e)) {
                            properties.add(Map.entry(entry + "!/" + e.getName(), new String(in.readAllBytes())));
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    }
                    addMetadata(e.getName(), metadata);
                });
            }
        }
        return properties;
    }

    private static void addMetadata(String resource, Set<String> metadata) {
        String option = METADATA.get(resource.substring(resource.lastIndexOf('/') + 1));
        if (option != null) {
            metadata.add("-H:" + option + "=" + resource);
        }
    }

    private static String unquote(String value) {
        return value == null ? "" : value.replaceAll("^\"|\"$", "");
    }
}
