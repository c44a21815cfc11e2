package firstrefusal.storage;

import firstrefusal.config.CapacityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Creates the table with its indexes at start-up when {@code capacity.table.create} is true and the
 * table is missing (dev and test). In AWS the table belongs to the deployment template instead.
 */
@Singleton
public class TableSetup {

    /** Runs after a dev DynamoDB Local is up and before demo data is loaded. */
    public static final int STARTUP_PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(TableSetup.class);

    private final DynamoDbClient client;
    private final CapacityConfig config;

    public TableSetup(DynamoDbClient client, CapacityConfig config) {
        this.client = client;
        this.config = config;
    }

    void onStart(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        if (config.table().create()) {
            ensureTable();
        }
    }

    public void ensureTable() {
        String name = config.table().name();
        try {
            client.describeTable(r -> r.tableName(name));
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("Creating DynamoDB table %s", name);
        }
        try {
            client.createTable(OfferTable.definition(name));
        } catch (ResourceInUseException createdMeanwhile) {
            // Another instance created it first: fine.
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
    }
}
