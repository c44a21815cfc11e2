package firstrefusal.adapters.out.dynamodb;

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

    private final TableClients table;
    /** {@code capacity.table.create}: true in dev and test; the deployment template owns the table on AWS. */
    private final boolean create;

    public TableSetup(TableClients table, CapacityConfig config) {
        this.table = table;
        this.create = config.table().create();
    }

    void onStart(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        if (create) {
            ensure(table);
        }
    }

    /** Creates the table, its indexes and its stream, unless it exists; waits until it can be used. */
    public static void ensure(TableClients table) {
        DynamoDbClient client = table.client();
        String name = table.name();
        try {
            client.describeTable(r -> r.tableName(name));
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("Creating DynamoDB table %s", name);
        }
        try {
            client.createTable(TableLayout.definition(name));
        } catch (ResourceInUseException createdMeanwhile) {
            // Another instance created it first: fine.
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
    }
}
