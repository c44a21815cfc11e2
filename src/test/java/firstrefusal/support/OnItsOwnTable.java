package firstrefusal.support;

import firstrefusal.domain.policy.Policy;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A Quarkus test whose tests each write to a fresh table of DynamoDB Local ({@link FreshTable}), through the
 * application's own DynamoDB client and under its configured policy. A table is made before each test ({@link #newTable}, which a test class may override) and dropped after it.
 */
public abstract class OnItsOwnTable {

    @Inject
    protected DynamoDbClient client;

    @Inject
    protected Policy policy;

    protected FreshTable table;

    @BeforeEach
    void makeOwnTable() {
        table = newTable();
    }

    /** The table each test gets: by default, one for the configured policy, named after the test class. */
    protected FreshTable newTable() {
        return FreshTable.create(client, policy, getClass().getSimpleName());
    }

    /** Each test's table goes when the test ends. */
    @AfterEach
    void dropOwnTable() {
        if (table != null) {
            table.drop();
            table = null;
        }
    }
}
