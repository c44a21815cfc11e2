package firstrefusal.support;

import firstrefusal.config.CapacityConfig;
import firstrefusal.functions.DecideFunction;
import firstrefusal.offer.OfferDecisions;
import firstrefusal.policy.Policy;
import firstrefusal.storage.DynamoOfferStore;
import firstrefusal.storage.TableSetup;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A new, empty table with the production decide stack (store, service, handler) wired onto it. Tests
 * that tick the clock or count every item get a table of their own this way, without restarting the
 * application: clock ticks read every pending offer of their table, and other tests' offers stay out.
 */
public record FreshTable(String name, DynamoDbClient client, DynamoOfferStore store, OfferDecisions decisions,
        DecideFunction function) {

    public static FreshTable create(DynamoDbClient client, Policy policy, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        CapacityConfig config = () -> new CapacityConfig.Table() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean create() {
                return true;
            }
        };
        new TableSetup(client, config).ensureTable();
        DynamoOfferStore store = new DynamoOfferStore(client, config);
        OfferDecisions decisions = new OfferDecisions(policy, store);
        return new FreshTable(name, client, store, decisions, new DecideFunction(decisions));
    }

    public TableAudit.Report audit() {
        return TableAudit.of(client, name);
    }

    public void drop() {
        client.deleteTable(b -> b.tableName(name));
    }
}
