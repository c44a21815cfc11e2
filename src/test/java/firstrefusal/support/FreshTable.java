package firstrefusal.support;

import firstrefusal.adapters.in.DecideFunction;
import firstrefusal.adapters.out.dynamodb.DynamoAgreementLedger;
import firstrefusal.adapters.out.dynamodb.DynamoChainStore;
import firstrefusal.adapters.out.dynamodb.DynamoDigestStore;
import firstrefusal.adapters.out.dynamodb.DynamoOfferStore;
import firstrefusal.adapters.out.dynamodb.TableLayout;
import firstrefusal.adapters.out.dynamodb.TableClients;
import firstrefusal.adapters.out.dynamodb.TableSetup;
import firstrefusal.dev.StreamPoller;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.record.RecordProofs;
import firstrefusal.operations.Metrics;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A new, empty table with the production decide stack (store, service, handler) wired onto it. Tests
 * that tick the clock or count every item get a table of their own this way, without restarting the
 * application: clock ticks read every pending offer of their table, and other tests' offers stay out.
 */
public record FreshTable(String name, DynamoDbClient client, DynamoOfferStore store, DecisionService decisions,
        DecideFunction function, DynamoAgreementLedger ledger, DynamoChainStore chains, DynamoDigestStore digests) {

    /** Without reminders, so a tick writes only the decisions it makes. */
    public static FreshTable create(DynamoDbClient client, Policy policy, String prefix) {
        return create(client, policy, ReminderSchedule.NONE, prefix);
    }

    public static FreshTable create(DynamoDbClient client, Policy policy, ReminderSchedule reminders, String prefix) {
        return create(client, Agreement.of(policy), reminders, prefix);
    }

    public static FreshTable create(DynamoDbClient client, Agreement agreement, ReminderSchedule reminders, String prefix) {
        return create(client, agreement, reminders, prefix, false);
    }

    /**
     * A table with its stream, as the deployment has it, for tests that hand the stream to notify. The others go
     * without: DynamoDB Local keeps every stream record of a run and looks its stream up on every write, so a run of
     * many thousand writes with streams slows down as it goes.
     */
    public static FreshTable withStream(DynamoDbClient client, Agreement agreement, ReminderSchedule reminders, String prefix) {
        return create(client, agreement, reminders, prefix, true);
    }

    private static FreshTable create(DynamoDbClient client, Agreement agreement, ReminderSchedule reminders, String prefix,
            boolean stream) {
        Policy policy = agreement.latest();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        TableClients table = new TableClients(client, name);
        if (stream) {
            TableSetup.ensure(table);
        } else {
            client.createTable(TableLayout.definition(name).toBuilder()
                    .streamSpecification(software.amazon.awssdk.services.dynamodb.model.StreamSpecification.builder()
                            .streamEnabled(false).build()).build());
            client.waiter().waitUntilTableExists(b -> b.tableName(name));
        }
        DynamoOfferStore store = new DynamoOfferStore(table);
        DecisionService decisions = new DecisionService(agreement, store, reminders, entry -> { }, java.time.Clock.systemUTC());
        return new FreshTable(name, client, store, decisions, new DecideFunction(decisions, new Metrics(false), java.time.Duration.ofSeconds(10)),
                new DynamoAgreementLedger(table), new DynamoChainStore(table, store), new DynamoDigestStore(table));
    }

    /** The proofs of this table's records, as the status page reads them. */
    public RecordProofs proofs() {
        return new RecordProofs(chains, digests);
    }

    public TableAudit.Report audit() {
        return TableAudit.of(client, name);
    }

    /** The table's stream, read as Lambda's event source mapping reads it (batches of {@code batchSize}). */
    public StreamPoller stream(software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams, int batchSize) {
        return new StreamPoller(streams, StreamPoller.streamArn(client, name), batchSize, "us-east-1");
    }

    public void drop() {
        client.deleteTable(b -> b.tableName(name));
    }
}
