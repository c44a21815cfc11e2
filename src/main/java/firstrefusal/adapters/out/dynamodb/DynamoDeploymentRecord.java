package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.DeploymentRecord;
import firstrefusal.wire.AgreementJson;
import firstrefusal.wire.WireJson;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DeploymentRecord} on the offers' table: one item per distinct agreement in a partition of its own (see
 * {@link OfferTable}), holding the agreement as {@link AgreementJson} writes it and the instant it was first deployed.
 * Start-up reads the partition once; only the first start under new terms writes, conditionally.
 */
@Singleton
public class DynamoDeploymentRecord implements DeploymentRecord {

    private final Table table;

    public DynamoDeploymentRecord(Table table) {
        this.table = table;
    }

    @Override
    public List<Deployment> recordOnce(Agreement agreement, Instant now) {
        String id = AgreementJson.id(agreement);
        List<Deployment> onRecord = read();
        if (onRecord.stream().anyMatch(d -> d.id().equals(id))) {
            return onRecord;
        }
        Put put = Put.builder().tableName(table.name())
                .item(Map.of(OfferTable.PK, AttributeValue.fromS(OfferTable.DEPLOYMENTS_PK),
                        OfferTable.SK, AttributeValue.fromS(OfferTable.deploymentKey(id)),
                        "deployedAt", AttributeValue.fromS(now.toString()),
                        "agreement", AttributeValue.fromS(AgreementJson.write(agreement).toString())))
                .conditionExpression("attribute_not_exists(" + OfferTable.PK + ")").build();
        try {
            // Every write of the product is a transaction, this one too (the functions' IAM allows no other).
            table.client().transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(put).build()));
        } catch (TransactionCanceledException recordedMeanwhile) {
            return read(); // another function started under the same terms first: its instant stands
        }
        List<Deployment> all = new ArrayList<>(onRecord);
        all.add(new Deployment(id, now, agreement));
        return all;
    }

    private List<Deployment> read() {
        QueryRequest request = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", OfferTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(OfferTable.DEPLOYMENTS_PK)))
                .build();
        List<Deployment> deployments = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.client().query(request).items()) {
            String id = OfferTable.deploymentIdOf(item.get(OfferTable.SK).s());
            Agreement agreement = AgreementJson.read(WireJson.parse(item.get("agreement").s(), "agreement"));
            deployments.add(new Deployment(id, Instant.parse(item.get("deployedAt").s()), agreement));
        }
        return deployments;
    }
}
