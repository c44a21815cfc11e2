package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * A {@code responseId} names one answer to one offer (src/docs/contract.md, "Delivery at least once"): the first answer
 * with an id claims it ({@code RESPONSE#<id>}), in the same transaction that keeps the answer, only if no claim exists. A
 * second offer's answer with the id then fails the transaction, and is refused naming {@code responseId} and the offer
 * that holds it.
 */
record ResponseClaim(String pk, String sk, String offerId, String answer) {

    static final StaticImmutableTableSchema<ResponseClaim, ItemAttributes> SCHEMA = TableSchema.builder(ResponseClaim.class, ItemAttributes.class)
            .addAttribute(String.class, attribute(TableLayout.PK, ResponseClaim::pk, primaryPartitionKey()))
            .addAttribute(String.class, attribute(TableLayout.SK, ResponseClaim::sk, primarySortKey()))
            .addAttribute(String.class, attribute("offerId", ResponseClaim::offerId))
            .addAttribute(String.class, attribute("answer", ResponseClaim::answer))
            .newItemBuilder(ItemAttributes::new, f -> new ResponseClaim(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("offerId"), f.get("answer")))
            .build();

    static ResponseClaim of(HolderResponse response) {
        return new ResponseClaim(TableLayout.responseKey(response.responseId()), TableLayout.RESPONSE_SK, response.offerId(),
                response.answer().name());
    }

    /**
     * After the claim's condition failed: when another offer holds the id, the answer is refused; when this offer holds it
     * (the same answer, written meanwhile by another delivery), the caller reads the offer again like any lost race.
     */
    static void refuseIfClaimedElsewhere(DynamoDbTable<ResponseClaim> claims, HolderResponse response) {
        claims.query(QueryEnhancedRequest.builder().consistentRead(true)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(TableLayout.responseKey(response.responseId()))))
                        .build())
                .items().stream().findFirst().filter(held -> !held.offerId().equals(response.offerId())).ifPresent(held -> {
                    throw new InvalidMessageException("responseId", "response " + response.responseId() + " was already received"
                            + " for offer " + held.offerId() + " (" + held.answer() + "); a responseId names one answer to one offer,"
                            + " was for offer " + response.offerId());
                });
    }
}
