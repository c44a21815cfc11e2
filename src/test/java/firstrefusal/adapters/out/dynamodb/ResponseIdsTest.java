package firstrefusal.adapters.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A {@code responseId} names one answer to one offer (src/docs/contract.md): reused for another offer it is refused. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class ResponseIdsTest {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void aResponseIdUsedForOneOfferIsRefusedForAnotherAndNothingIsWritten() {
        FreshTable table = FreshTable.create(client, policy, "response-ids");
        try {
            Instant answered = Offers.RECEIVED.plus(Duration.ofDays(1));
            table.decisions().decide(Offers.offer("first").build());
            table.decisions().decide(Offers.offer("second").build());
            table.decisions().decide(new HolderResponse("r-1", "first", "azure", Answer.MATCH, answered));
            int items = itemCount(table);

            for (Answer answer : Answer.values()) {
                assertThatThrownBy(() -> table.decisions().decide(new HolderResponse("r-1", "second", "azure", answer, answered)))
                        .isInstanceOf(InvalidMessageException.class)
                        .hasMessageStartingWith("responseId: response r-1 was already received for offer first (MATCH)");
            }

            assertThat(itemCount(table)).as("nothing written").isEqualTo(items);
            assertThat(table.store().load("second").orElseThrow().state().decision().rule()).isEqualTo(Rule.FIRST_REFUSAL_REQUIRED);
            assertThat(table.decisions().decide(new HolderResponse("r-1", "first", "azure", Answer.MATCH, answered)).duplicate())
                    .as("the same answer to the same offer is a redelivery").isTrue();
        } finally {
            table.drop();
        }
    }

    private static int itemCount(FreshTable table) {
        return table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).stream().mapToInt(p -> p.count()).sum();
    }
}
