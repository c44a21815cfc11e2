package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@code responseId} names one answer to one offer (src/docs/contract.md, "Delivery at least once"): the first answer
 * with an id claims it, in the same transaction that keeps the answer, only if no claim exists. A second offer's answer
 * with the id then fails the transaction, and is refused naming {@code responseId} and the offer that holds it.
 */
final class ResponseClaim extends TableItem {

    String offerId;
    String answer;

    @Override
    void write(Map<String, AttributeValue> item) {
        Attributes.put(item, "offerId", offerId);
        Attributes.put(item, "answer", answer);
    }

    static ResponseClaim of(HolderResponse response) {
        ResponseClaim claim = new ResponseClaim();
        claim.pk = OfferTable.responseKey(response.responseId());
        claim.sk = OfferTable.RESPONSE_SK;
        claim.offerId = response.offerId();
        claim.answer = response.answer().name();
        return claim;
    }

    /**
     * After the claim's condition failed: when another offer holds the id, the answer is refused; when this offer holds it
     * (the same answer, written meanwhile by another delivery), the caller reads the offer again like any lost race.
     */
    static void refuseIfClaimedElsewhere(DynamoDbClient client, String table, HolderResponse response, RuntimeException cause) {
        Map<String, AttributeValue> held = client.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", OfferTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(OfferTable.responseKey(response.responseId())))))
                .items().stream().findFirst().orElse(Map.of());
        String heldBy = held.isEmpty() ? null : Attributes.str(held, "offerId");
        if (heldBy != null && !heldBy.equals(response.offerId())) {
            throw new InvalidMessageException("responseId", "response " + response.responseId() + " was already received for offer "
                    + heldBy + " (" + Attributes.str(held, "answer") + "); a responseId names one answer to one offer, was for offer "
                    + response.offerId());
        }
    }
}
