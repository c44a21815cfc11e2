package firstrefusal.packaged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The cold-start peer: AWS's own Quarkus Lambda sample ({@code aws-samples/serverless-java-frameworks-samples},
 * folder {@code quarkus/}), its {@code GetProductById} function, rebuilt under {@code target/bench/} on this project's
 * Quarkus and AWS SDK versions and without X-Ray, otherwise as published (its own class preload list, and its
 * priming: a {@code DescribeTable} in the DAO's static init). The sample's code is read from a clone and built
 * there; nothing of it enters this project's sources.
 */
final class AwsQuarkusSample {

    static final String HANDLER = "getProductById";
    static final String TABLE = "Products";
    static final String PRODUCT_ID = "p-1";
    private static final String REPOSITORY = "https://github.com/aws-samples/serverless-java-frameworks-samples.git";
    /** The commit measured: the newest on the repository's main branch when this benchmark was written. */
    private static final String COMMIT = "1352ab4";
    /**
     * The sample's Quarkus: 3.34.1, a platform whose Lambda extension the Maven repository serves at the platform's own
     * version (this project is on the 3.36 platform with that extension pinned to 3.34.2, see pom.xml);
     * the SDK's version is read from the SDK on the class path.
     */
    private static final String QUARKUS = System.getProperty("bench.peer.quarkus", "3.34.1");

    private AwsQuarkusSample() {
    }

    /** Clones (or reuses {@code -Dbench.peer.source}, a clone), rewrites the versions, builds: the sample's function.zip. */
    static Path build(Path benchDirectory) throws IOException, InterruptedException {
        Path project = prepare(benchDirectory, "peer");
        Path mvnw = Path.of("mvnw").toAbsolutePath();
        // Its jvm profile only renames the zip with a plugin this project does not use.
        run(List.of(mvnw.toString(), "-B", "-q", "-ntp", "-f", project.resolve("pom.xml").toString(), "package", "-DskipTests", "-P!jvm"),
                project);
        return zipOf(project);
    }

    /**
     * The sample's native variant, as its own {@code native} profile builds it (its build arguments, its
     * {@code --initialize-at-run-time} list) on this project's Quarkus and SDK versions, with the toolchain this project's
     * {@code -Pnative-local} uses instead of its container build: the same builder, JDK and C libraries as this project's
     * native zip. The profile's {@code quarkus.package.type=native} is written as the keys Quarkus 3 reads.
     */
    static Path buildNative(Path benchDirectory) throws IOException, InterruptedException {
        Path project = prepare(benchDirectory, "peer-native");
        rewrite(project.resolve("pom.xml"), List.of(
                new String[] {"<quarkus.package.type>native</quarkus.package.type>",
                        "<quarkus.native.enabled>true</quarkus.native.enabled><quarkus.package.jar.enabled>false</quarkus.package.jar.enabled>"},
                new String[] {"<quarkus.native.container-build>true</quarkus.native.container-build>",
                        "<quarkus.native.container-build>false</quarkus.native.container-build>"},
                new String[] {"  </dependencies>\n  <build>", SVM_ANNOTATIONS + "  </dependencies>\n  <build>"}));
        writeCrtAbsent(project);
        Path mvnw = Path.of("mvnw").toAbsolutePath();
        run(List.of(mvnw.toString(), "-B", "-q", "-ntp", "-f", project.resolve("pom.xml").toString(), "package", "-DskipTests", "-P!jvm",
                "-Dnative", "-Dquarkus.native.graalvm-home=" + nativeToolchain()), project);
        return zipOf(project);
    }

    /** The native image's substitution annotations (the version is Quarkus' own), for {@link #writeCrtAbsent}: at compile time only. */
    private static final String SVM_ANNOTATIONS = """
                <dependency>
                  <groupId>org.graalvm.sdk</groupId>
                  <artifactId>nativeimage</artifactId>
                  <scope>provided</scope>
                </dependency>
            """;

    /**
     * The SDK the sample is rebuilt on (its own 2.20 is not served here) reaches for the AWS CRT's checksums in
     * {@code ChecksumProvider}; the sample ships without the CRT, and a native image refuses the unresolved class. The
     * Quarkus extension for the SDK substitutes those methods; the plain sample gets the same few lines, and nothing else
     * of it changes: with the CRT absent those methods only ever throw.
     */
    private static void writeCrtAbsent(Path project) throws IOException {
        Path file = project.resolve("src/main/java/software/amazonaws/example/product/CrtAbsent.java");
        Files.writeString(file, """
                package software.amazonaws.example.product;

                import com.oracle.svm.core.annotate.Substitute;
                import com.oracle.svm.core.annotate.TargetClass;
                import software.amazon.awssdk.checksums.SdkChecksum;
                import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

                @TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider")
                final class CrtAbsent {
                    @Substitute
                    static SdkChecksum createCrtCrc32C() {
                        throw new IllegalStateException("the AWS CRT is not in this image");
                    }

                    @Substitute
                    static SdkChecksum crc64NvmeCrtImplementation() {
                        throw new IllegalStateException("the AWS CRT is not in this image");
                    }

                    @Substitute
                    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
                        throw new IllegalStateException("the AWS CRT is not in this image");
                    }
                }
                """);
    }

    /** The toolchain {@code -Pnative-local} builds with: {@code src/native/toolchain.sh} prints its home (assembling it once). */
    private static Path nativeToolchain() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of("src/native/toolchain.sh").toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        String home = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || home.isEmpty()) {
            throw new IllegalStateException("src/native/toolchain.sh failed (" + p.exitValue() + ")");
        }
        return Path.of(home);
    }

    private static Path zipOf(Path project) {
        Path zip = project.resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the sample's build wrote no " + zip);
        }
        return zip;
    }

    /** The sample's folder at the pinned commit, under {@code benchDirectory/folder}, with the versions rewritten. */
    private static Path prepare(Path benchDirectory, String folder) throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("bench.peer.source", benchDirectory.resolve("peer-source").toString())).toAbsolutePath();
        if (!Files.isDirectory(source)) { // a clone, bare or not, is read as it is
            run(List.of("git", "clone", "--quiet", REPOSITORY, source.toString()), benchDirectory);
        }
        Path project = benchDirectory.resolve(folder).toAbsolutePath();
        deleteRecursively(project);
        Files.createDirectories(project);
        // The folder as of the pinned commit, whatever the clone has checked out.
        run(List.of("bash", "-c", "git -C '" + source + "' archive " + COMMIT + " quarkus | tar -x -C '" + project + "' --strip-components=1"),
                benchDirectory);
        rewrite(project.resolve("pom.xml"), List.of(
                new String[] {"<quarkus-plugin.version>3.0.1.Final</quarkus-plugin.version>", "<quarkus-plugin.version>" + QUARKUS + "</quarkus-plugin.version>"},
                new String[] {"<quarkus.platform.version>3.0.1.Final</quarkus.platform.version>", "<quarkus.platform.version>" + QUARKUS + "</quarkus.platform.version>"},
                new String[] {"<aws.sdk2.version>2.20.42</aws.sdk2.version>", "<aws.sdk2.version>" + sdkVersion() + "</aws.sdk2.version>"},
                new String[] {"<compiler-plugin.version>3.8.1</compiler-plugin.version>", "<compiler-plugin.version>3.13.0</compiler-plugin.version>"},
                // Quarkus 3.34 packages Lambda functions as function.zip with lib/, as this project's.
                new String[] {"<quarkus.package.type>uber-jar</quarkus.package.type>", ""},
                new String[] {"<artifactId>quarkus-amazon-lambda-xray</artifactId>", "<artifactId>quarkus-amazon-lambda</artifactId>"}));
        Path dao = project.resolve("src/main/java/software/amazonaws/example/product/product/dao/DynamoProductDao.java");
        rewrite(dao, List.of(
                new String[] {"import com.amazonaws.xray.interceptors.TracingInterceptor;\n", ""},
                new String[] {".addExecutionInterceptor(new TracingInterceptor())", ""}));
        return project;
    }

    /** The sample's table, with the one product its first invocation reads. */
    static void seed(DynamoDbClient client) {
        client.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build()));
        client.putItem(b -> b.tableName(TABLE).item(java.util.Map.of("PK", AttributeValue.fromS(PRODUCT_ID),
                "name", AttributeValue.fromS("Product 1"), "price", AttributeValue.fromN("12.34"))));
    }

    /** An API Gateway REST (v1) proxy event for {@code GET /products/p-1}, as its template routes it. */
    static String event() {
        return """
                {"resource": "/products/{id}", "path": "/products/%s", "httpMethod": "GET",
                 "headers": {"Accept": "application/json"}, "multiValueHeaders": {"Accept": ["application/json"]},
                 "queryStringParameters": null, "pathParameters": {"id": "%s"}, "stageVariables": null,
                 "requestContext": {"resourcePath": "/products/{id}", "httpMethod": "GET", "stage": "prod",
                   "requestId": "cold-start", "accountId": "111122223333", "apiId": "abcdefghij"},
                 "body": null, "isBase64Encoded": false}""".formatted(PRODUCT_ID, PRODUCT_ID);
    }

    private static String sdkVersion() {
        return software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION;
    }

    private static void rewrite(Path file, List<String[]> replacements) throws IOException {
        String text = Files.readString(file);
        for (String[] r : replacements) {
            if (!text.contains(r[0])) {
                throw new IllegalStateException(file + " no longer holds '" + r[0] + "': the sample changed; look again");
            }
            text = text.replace(r[0], r[1]);
        }
        Files.writeString(file, text);
    }

    private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process p = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command));
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
