package firstrefusal.adapters.out.dynamodb;

import firstrefusal.config.CapacityConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one table ({@code capacity.table}) and the client that reaches it: what every store of this package writes to. */
@Singleton
public final class Table {

    private final DynamoDbClient client;
    private final String name;

    /** The configured table, through the application's DynamoDB client. */
    @jakarta.inject.Inject
    public Table(DynamoDbClient client, CapacityConfig config) {
        this(client, config.table().name());
    }

    public Table(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }
}
