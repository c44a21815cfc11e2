package firstrefusal.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.Notice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * {@code decide} behind an SQS queue that also carries notices, so a test can deliver the notices {@code notify} would
 * record in among the messages, in any order: a record whose body is {@code {"notice": {"offerId", "revision",
 * "sentAt"}}} is recorded as that notice (as {@code notify} records it); every other record goes to the function, and
 * the failures of both are answered together.
 */
@jakarta.enterprise.inject.Vetoed // a test wrapper, not a function of the application
public record WithNotices(RequestStreamHandler decide, DecisionService decisions) implements RequestStreamHandler {

    public static String body(Notice notice) {
        return "{\"notice\": {\"offerId\": \"" + notice.offerId() + "\", \"revision\": " + notice.revision()
                + ", \"sentAt\": \"" + notice.sentAt() + "\"}}";
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = WireMessages.JSON.readTree(input);
        ObjectNode forward = WireMessages.JSON.createObjectNode();
        ArrayNode messages = forward.putArray("Records");
        ObjectNode answer = WireMessages.JSON.createObjectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        for (JsonNode record : event.get("Records")) {
            JsonNode notice = WireMessages.JSON.readTree(record.get("body").asText()).get("notice");
            if (notice == null) {
                messages.add(record);
                continue;
            }
            try {
                decisions.noticeSent(new Notice(notice.get("offerId").asText(), notice.get("revision").asInt(),
                        Instant.parse(notice.get("sentAt").asText())));
            } catch (RuntimeException e) {
                failures.addObject().put("itemIdentifier", record.get("messageId").asText());
            }
        }
        if (!messages.isEmpty()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            decide.handleRequest(new ByteArrayInputStream(WireMessages.JSON.writeValueAsBytes(forward)), out, context);
            WireMessages.JSON.readTree(out.toByteArray()).get("batchItemFailures").forEach(failures::add);
        }
        WireMessages.JSON.writeValue(output, answer);
    }
}
