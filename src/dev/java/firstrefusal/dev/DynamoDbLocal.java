package firstrefusal.dev;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * DynamoDB Local, in-process, for {@code quarkus:dev} and the tests: in memory, or on disk where a test
 * stops and restarts it. Its jar is an optional dependency that is filtered out of the package: it never ships.
 */
public final class DynamoDbLocal implements AutoCloseable {

    /** Where the build copies sqlite4java's native library (see the pom). */
    public static final String NATIVE_LIBS = "target/native-libs";

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static DynamoDbLocal start(int port) {
        return launch(port, "-inMemory");
    }

    /** Keeps its tables in files under {@code folder}, so a restart on the same folder finds them again. */
    public static DynamoDbLocal startOnDisk(int port, Path folder) {
        return launch(port, "-dbPath", folder.toString());
    }

    private static DynamoDbLocal launch(int port, String... storage) {
        if (System.getProperty("sqlite4java.library.path") == null) {
            System.setProperty("sqlite4java.library.path", NATIVE_LIBS);
        }
        // No telemetry: it would phone home from every developer's machine and CI run.
        String[] args = Stream.concat(Arrays.stream(storage), Stream.of("-port", Integer.toString(port), "-disableTelemetry"))
                .toArray(String[]::new);
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new DynamoDbLocal(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
