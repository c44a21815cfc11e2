package firstrefusal.adapters.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * policy.holder-account: a Holder Response in an EventBridge envelope counts only when EventBridge says it
 * came from the holder's account; from any other account it is refused naming {@code account}, and nothing
 * is written, whether the envelope arrives directly or as an SQS body.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class HolderAccountTest {

    private static final String HOLDER_ACCOUNT = "111122223333";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DynamoDbClient client;

    FreshTable table;

    @BeforeEach
    void pendingOffer() {
        table = FreshTable.create(client, TestPolicies.withHolderAccount(HOLDER_ACCOUNT), "holder-account");
        table.decisions().decide(Offers.offer("guarded").build());
    }

    @AfterEach
    void dropTable() {
        table.drop();
    }

    @Test
    void aHolderResponseFromTheHoldersAccountIsDecided() throws Exception {
        JsonNode decision = invoke(responseFrom(HOLDER_ACCOUNT));

        assertThat(decision.path("status").asText()).isEqualTo("MATCHED_BY_HOLDER");
    }

    @Test
    void aHolderResponseFromAnotherAccountIsRefusedNamingAccountAndWritesNothing() {
        int before = table.audit().historyItems();

        assertThatThrownBy(() -> invoke(responseFrom("999988887777")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("account: ")
                .hasMessageContaining(HOLDER_ACCOUNT).hasMessageContaining("999988887777");
        assertThat(table.audit().historyItems()).isEqualTo(before);
        assertThat(table.store().load("guarded").orElseThrow().state().isOutstanding()).isTrue();
    }

    @Test
    void theSameEnvelopeAsAnSqsBodyIsReportedFailedAndWritesNothing() throws Exception {
        int before = table.audit().historyItems();

        JsonNode answer = invoke(Events.sqs(List.of(responseFrom("999988887777"))));

        assertThat(answer.path("batchItemFailures").findValuesAsText("itemIdentifier")).containsExactly("m-0");
        assertThat(table.audit().historyItems()).isEqualTo(before);
    }

    @Test
    void otherMessagesFromOtherAccountsAreNotTheHoldersConcern() throws Exception {
        JsonNode decision = invoke(Events.eventBridge("Capacity Offer", Events.offer("from-elsewhere", Offers.RECEIVED, null))
                .replace("\"account\": \"111122223333\"", "\"account\": \"999988887777\""));

        assertThat(decision.path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");
    }

    private static String responseFrom(String account) {
        return Events.eventBridge("Holder Response", Events.answer("r-guarded", "guarded", "MATCH",
                        Offers.RECEIVED.plus(Duration.ofDays(1))))
                .replace("\"account\": \"111122223333\"", "\"account\": \"" + account + "\"");
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.function().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }
}
