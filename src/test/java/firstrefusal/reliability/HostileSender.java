package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.Events;
import firstrefusal.support.FreshTable;
import firstrefusal.support.WireMessages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Sends bad input to the decide handler on a table of its own, by each way a message arrives (direct,
 * EventBridge, SQS), and checks the answer: a clear error naming the field, and nothing written. The
 * table holds one pending offer, {@value #EXISTING}, so that answers, withdrawals and revisions reach
 * the rules that judge them against what is recorded.
 */
final class HostileSender {

    static final String EXISTING = "hostile-existing";

    private static final Map<String, String> DETAIL_TYPES = Map.of(
            "offer", "Capacity Offer", "holder-response", "Holder Response", "withdrawal", "Offer Withdrawal");

    private final FreshTable table;

    HostileSender(DynamoDbClient client, Policy policy) {
        table = FreshTable.create(client, policy, "hostile");
        table.decisions().decide(Offers.offer(EXISTING).build());
    }

    /** A direct invocation must fail with an error whose message starts with {@code "<field>: "}. */
    void rejectsDirect(String event, String field) {
        int items = itemCount();
        try {
            invoke(event);
        } catch (InvalidMessageException e) {
            assertThat(e.getMessage()).as("error for %s", shorten(event)).startsWith(field + ": ");
            assertThat(itemCount()).as("items after %s", shorten(event)).isEqualTo(items);
            return;
        } catch (Exception e) {
            throw new AssertionError("expected '" + field + ": ...' for " + shorten(event) + ", got " + e, e);
        }
        throw new AssertionError("accepted: " + shorten(event));
    }

    /** The same message in an EventBridge envelope, its kind given by the detail-type. */
    void rejectsViaEventBridge(ObjectNode message, String field) {
        ObjectNode detail = message.deepCopy();
        String detailType = DETAIL_TYPES.get(detail.path("kind").asText());
        detail.remove("kind");
        rejectsDirect(Events.eventBridge(detailType, detail.toString()), field);
    }

    /** As an SQS record body: the batch must report that record, and only it, as failed. */
    void rejectsViaSqs(String body) {
        int items = itemCount();
        try {
            JsonNode answer = invoke(Events.sqs(List.of(body)));
            assertThat(answer.get("batchItemFailures").findValuesAsText("itemIdentifier")).as(shorten(body)).containsExactly("m-0");
        } catch (Exception e) {
            throw new AssertionError("the batch itself failed on " + shorten(body) + ": " + e, e);
        }
        assertThat(itemCount()).as("items after %s", shorten(body)).isEqualTo(items);
    }

    JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.function().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return WireMessages.JSON.readTree(out.toByteArray());
    }

    void drop() {
        table.drop();
    }

    /** Every item of the (small) table: the check that nothing at all was written. */
    private int itemCount() {
        return table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).stream()
                .mapToInt(page -> page.count()).sum();
    }

    static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text;
    }
}
