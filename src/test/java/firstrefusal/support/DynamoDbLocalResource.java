package firstrefusal.support;

import firstrefusal.dev.DynamoDbLocal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** Starts DynamoDB Local (in process, in memory) on a free port for a @QuarkusTest and points the client at it. */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    private DynamoDbLocal server;

    @Override
    public Map<String, String> start() {
        server = DynamoDbLocal.start(freePort());
        return Map.of("quarkus.dynamodb.endpoint-override", server.endpoint());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
