package firstrefusal.adapters.out.dynamodb;

import firstrefusal.config.CapacityConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one table ({@code capacity.table}), the client that reaches it, and the Enhanced Client on that client: what every
 * store of this package writes to.
 */
@Singleton
public final class TableClients {

    private final DynamoDbClient client;
    private final String name;
    private final DynamoDbEnhancedClient enhanced;

    /** The configured table, through the application's DynamoDB client. */
    @jakarta.inject.Inject
    public TableClients(DynamoDbClient client, CapacityConfig config) {
        this(client, config.table().name());
    }

    public TableClients(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
        // Only the ADD extension: the Enhanced Client's defaults (versioned records, atomic counters) act on tags no
        // schema here carries, and would only load at every start.
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions(Additions.EXTENSION).build();
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    DynamoDbEnhancedClient enhanced() {
        return enhanced;
    }

    /** This table, its items read and written through {@code schema}. */
    <T> DynamoDbTable<T> through(TableSchema<T> schema) {
        return enhanced.table(name, schema);
    }
}
