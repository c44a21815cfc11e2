package firstrefusal.adapters.in.stream;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.domain.offer.InvalidMessageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB Streams event as Lambda delivers it ({@code Records[].dynamodb} with images in DynamoDB JSON),
 * read by hand into the SDK's {@link AttributeValue}s so the table's own item schemas can read the images.
 * The Lambda event library's {@code DynamodbEvent} binds only through the runtime's own serialization
 * settings (its records have overloaded setters) and would need reflection in a native image.
 */
public record DynamoDbStreamEvent(List<StreamRecord> records) {

    /**
     * One change: its sequence number (what {@code batchItemFailures} names), {@code INSERT}/{@code MODIFY}/{@code REMOVE},
     * the new image if any, and when the table wrote it ({@code ApproximateCreationDateTime}, if given).
     */
    public record StreamRecord(String sequenceNumber, String eventName, Map<String, AttributeValue> newImage, Instant written) {

        public boolean isInsert() {
            return "INSERT".equals(eventName) && newImage != null;
        }
    }

    public static DynamoDbStreamEvent read(JsonNode event) {
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray()) {
            throw new InvalidMessageException("Records", "must be an array of DynamoDB stream records");
        }
        List<StreamRecord> read = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String at = "Records[" + i + "]";
            JsonNode change = records.get(i).get("dynamodb");
            if (change == null || !change.isObject()) {
                throw new InvalidMessageException(at + ".dynamodb", "is required");
            }
            JsonNode sequenceNumber = change.get("SequenceNumber");
            if (sequenceNumber == null || !sequenceNumber.isTextual()) {
                throw new InvalidMessageException(at + ".dynamodb.SequenceNumber", "is required: a stream record's sequence number");
            }
            JsonNode image = change.get("NewImage");
            JsonNode written = change.get("ApproximateCreationDateTime");
            read.add(new StreamRecord(sequenceNumber.textValue(), records.get(i).path("eventName").asText(),
                    image == null || image.isNull() ? null : item(image, at + ".dynamodb.NewImage"),
                    written != null && written.isNumber() ? Instant.ofEpochMilli((long) (written.asDouble() * 1000)) : null));
        }
        return new DynamoDbStreamEvent(read);
    }

    private static Map<String, AttributeValue> item(JsonNode image, String at) {
        if (!image.isObject()) {
            throw new InvalidMessageException(at, "must be an object of attributes");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.properties().forEach(e -> item.put(e.getKey(), value(e.getValue(), at + "." + e.getKey())));
        return item;
    }

    /** One attribute in DynamoDB JSON: an object with a single type key, {@code {"S": "..."}}, {@code {"M": {...}}}. */
    private static AttributeValue value(JsonNode typed, String at) {
        if (!typed.isObject() || typed.size() != 1) {
            throw new InvalidMessageException(at, "must be one typed DynamoDB value such as {\"S\": \"text\"}");
        }
        Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "M" -> AttributeValue.fromM(item(v, at));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    list.add(value(v.get(i), at + "[" + i + "]"));
                }
                yield AttributeValue.fromL(list);
            }
            default -> throw new InvalidMessageException(at, "has the unknown DynamoDB type '" + only.getKey() + "'");
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
