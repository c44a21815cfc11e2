package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.DeploymentRecord;
import firstrefusal.wire.AgreementJson;
import firstrefusal.wire.WireJson;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DeploymentRecord} on the offers' table: one item per distinct agreement in a partition of its own (see
 * {@link TableLayout}), holding the agreement as {@link AgreementJson} writes it and the instant it was first deployed.
 * Start-up reads the partition with one query; only the first start under new terms writes, conditionally.
 */
@Singleton
public class DynamoDeploymentRecord implements DeploymentRecord {

    /** One deployment: {@code DEPLOYMENTS}, {@code DEPLOYMENT#<id>}. */
    record DeploymentItem(String pk, String sk, String deployedAt, String agreement) {

        static final StaticImmutableTableSchema<DeploymentItem, ItemAttributes> SCHEMA = TableSchema.builder(DeploymentItem.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, DeploymentItem::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, DeploymentItem::sk, primarySortKey()))
                .addAttribute(String.class, attribute("deployedAt", DeploymentItem::deployedAt))
                .addAttribute(String.class, attribute("agreement", DeploymentItem::agreement))
                .newItemBuilder(ItemAttributes::new, f -> new DeploymentItem(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("deployedAt"),
                        f.get("agreement")))
                .build();

        Deployment toDeployment() {
            return new Deployment(TableLayout.deploymentIdOf(sk), Instant.parse(deployedAt),
                    AgreementJson.read(WireJson.parse(agreement, "agreement")));
        }
    }

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<DeploymentItem> deployments;

    public DynamoDeploymentRecord(TableClients table) {
        this.enhanced = table.enhanced();
        this.deployments = table.through(DeploymentItem.SCHEMA);
    }

    @Override
    public List<Deployment> recordOnce(Agreement agreement, Instant now) {
        String id = AgreementJson.id(agreement);
        List<Deployment> onRecord = read();
        if (onRecord.stream().anyMatch(d -> d.id().equals(id))) {
            return onRecord;
        }
        DeploymentItem item = new DeploymentItem(TableLayout.DEPLOYMENTS_PK, TableLayout.deploymentKey(id), now.toString(),
                AgreementJson.write(agreement).toString());
        try {
            // Every write of the product is a transaction, this one too (the functions' IAM allows no other).
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(deployments, TransactPutItemEnhancedRequest.builder(DeploymentItem.class).item(item)
                            .conditionExpression(Expression.builder().expression("attribute_not_exists(" + TableLayout.PK + ")").build())
                            .build())
                    .build());
        } catch (TransactionCanceledException recordedMeanwhile) {
            return read(); // another function started under the same terms first: its instant stands
        }
        List<Deployment> all = new ArrayList<>(onRecord);
        all.add(new Deployment(id, now, agreement));
        return all;
    }

    private List<Deployment> read() {
        return deployments.query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.DEPLOYMENTS_PK))).build())
                .items().stream().map(DeploymentItem::toDeployment).toList();
    }
}
