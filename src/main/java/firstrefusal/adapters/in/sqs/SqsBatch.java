package firstrefusal.adapters.in.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.RefusedValue;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.wire.WireJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An SQS event as Lambda hands it to {@code decide} (the deployed route: EventBridge rule, queue, function), and the
 * answer that reports only the records that failed ({@code batchItemFailures}), so the rest are not redelivered.
 */
public record SqsBatch(List<SQSEvent.SQSMessage> records) {

    public static boolean isOne(JsonNode event) {
        return event.has("Records");
    }

    /** @throws InvalidMessageException naming {@code Records} when they are not SQS records */
    public static SqsBatch read(JsonNode event) {
        try {
            SQSEvent batch = WireJson.MAPPER.treeToValue(event, SQSEvent.class);
            return new SqsBatch(batch.getRecords() == null ? List.of() : batch.getRecords());
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("Records", "must be an array of SQS records, each an object");
        }
    }

    /**
     * When the record reached the queue: SQS stamps {@code SentTimestamp} (epoch milliseconds) and no sender can set it.
     * A record without one (a hand-made event) has no arrival; one that is not a number is refused.
     */
    public static Optional<Instant> arrival(SQSEvent.SQSMessage record) {
        String sent = record.getAttributes() == null ? null : record.getAttributes().get("SentTimestamp");
        if (sent == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(sent.trim())));
        } catch (NumberFormatException e) {
            throw new InvalidMessageException("attributes.SentTimestamp", "must be epoch milliseconds, was " + RefusedValue.quoted(sent));
        }
    }

    /** {@code {"batchItemFailures": [{"itemIdentifier": "<messageId>"}]}}: field by field, the names Lambda expects. */
    public static JsonNode failures(List<String> messageIds) {
        ObjectNode root = WireJson.MAPPER.createObjectNode();
        ArrayNode failures = root.putArray("batchItemFailures");
        messageIds.forEach(id -> failures.addObject().put("itemIdentifier", id));
        return root;
    }
}
