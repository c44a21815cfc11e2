package firstrefusal.support;

import firstrefusal.config.CapacityConfig;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Looks straight into the test table, to check what was (not) written. Tests may scan; the product never does. */
@Singleton
public class TableProbe {

    private final DynamoDbClient client;
    private final String table;

    public TableProbe(DynamoDbClient client, CapacityConfig config) {
        this.client = client;
        this.table = config.table().name();
    }

    public int itemCount() {
        return client.scanPaginator(b -> b.tableName(table).select(Select.COUNT).consistentRead(true)).stream()
                .mapToInt(ScanResponse::count).sum();
    }

    /** Items stored under one offer: its state plus one per recorded decision. */
    public int itemsOf(String offerId) {
        return client.query(b -> b.tableName(table).keyConditionExpression("pk = :pk").consistentRead(true)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#" + offerId)))).count();
    }

    /** One history item of an offer, by its sequence. */
    public Map<String, AttributeValue> history(String offerId, long sequence) {
        return client.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("pk", AttributeValue.fromS("OFFER#" + offerId),
                "sk", AttributeValue.fromS(String.format("HISTORY#%010d", sequence))))).item();
    }

    public Map<String, AttributeValue> state(String offerId) {
        return client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("OFFER#" + offerId), "sk", AttributeValue.fromS("STATE")))).item();
    }
}
