package firstrefusal.dev;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Starts DynamoDB Local for {@code quarkus:dev}, before the table is created. Not in test or prod builds. */
@IfBuildProfile("dev")
@Singleton
public class DevDynamoDbLocal {

    private static final Logger LOG = Logger.getLogger(DevDynamoDbLocal.class);

    private final int port;
    private DynamoDbLocal server;

    public DevDynamoDbLocal(@ConfigProperty(name = "dev.dynamodb-local.port", defaultValue = "8000") int port) {
        this.port = port;
    }

    void start(@Observes @Priority(1) StartupEvent event) {
        server = DynamoDbLocal.start(port);
        LOG.infof("DynamoDB Local (in memory) listening on %s", server.endpoint());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }
}
