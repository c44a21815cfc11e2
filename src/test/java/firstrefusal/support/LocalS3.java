package firstrefusal.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * A real S3-compatible server for tests: moto in server mode ({@code moto_server}, on the PATH; .ci/run checks it is
 * there), which keeps Object Lock as S3 does: a bucket created with it takes a default retention, and a locked version
 * cannot be deleted or overwritten before its retention ends. No Java S3 server served here resolves with Object Lock.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String KEY = "local";

    private final Process process;
    private final String endpoint;
    private final S3Client client;

    private LocalS3(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Starts a server on a free port, its log under target/, and waits until it answers. */
    public static LocalS3 start() {
        Path command = onPath("moto_server");
        int port = DynamoDbLocalResource.freePort();
        String endpoint = "http://127.0.0.1:" + port;
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("moto-" + port + ".log");
            Process process = new ProcessBuilder(command.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitAnswer(process, endpoint, log);
            return new LocalS3(process, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: the S3 tests run moto in server mode"
                        + " (pip's moto[server]); .ci/run says so too"));
    }

    private static void awaitAnswer(Process process, String endpoint, Path log) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant giveUp = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server ended: " + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer within 30 s: " + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client;
    }

    /** A new bucket with Object Lock in compliance mode and a default retention of {@code days}, as the template makes it. */
    public String lockedBucket(String name, int days) {
        client.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
        client.putObjectLockConfiguration(b -> b.bucket(name).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(days)))));
        return name;
    }

    /** The settings that point a function's S3 client here, as the {@code quarkus.s3.*} keys in its environment. */
    public Map<String, String> environment() {
        return Map.of("QUARKUS_S3_ENDPOINT_OVERRIDE", endpoint, "QUARKUS_S3_PATH_STYLE_ACCESS", "true",
                "QUARKUS_S3_AWS_REGION", "us-east-1", "QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static",
                "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", KEY,
                "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", KEY);
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
    }
}
