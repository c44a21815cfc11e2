package firstrefusal.dev;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.Delivery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's DynamoDB event source mapping does, for dev mode and the tests: reads a table's stream
 * (DynamoDB Local's, through the SDK's streams client), hands the records to a function as the DynamoDB
 * Streams event Lambda sends, shard by shard and in order, and honours {@code batchItemFailures}: a batch
 * that names a record is retried from that record on the next poll, and the shard waits until it goes through.
 */
public final class StreamPoller {

    /** Invokes the function with one event; answers what it returned. */
    public interface Handler {
        String invoke(String event);

        /** A handler bean called in this process, as the runtime calls it. */
        static Handler inProcess(RequestStreamHandler function) {
            return event -> {
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
                    return out.toString(StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
    }

    /** One invocation: the records it carried (by sequence number) and the first one the function reported failed. */
    public record Delivery(String event, List<String> sequenceNumbers, Optional<String> failedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final int batchSize;
    private final String region;
    /** The last record of each shard the function took, so the next poll starts after it. */
    private final Map<String, String> checkpoints = new HashMap<>();

    public StreamPoller(DynamoDbStreamsClient streams, String streamArn, int batchSize, String region) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.batchSize = batchSize;
        this.region = region;
    }

    /** The stream of a table created with one (see TableLayout.definition). */
    public static String streamArn(DynamoDbClient client, String table) {
        String arn = client.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("table " + table + " has no stream");
        }
        return arn;
    }

    /** Delivers every record not yet taken, batch by batch; stops a shard at a batch the function reports failed. */
    public synchronized List<Delivery> poll(Handler handler) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = iterator(shard.shardId());
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current).limit(batchSize));
                if (page.records().isEmpty()) {
                    break;
                }
                Delivery delivery = deliver(handler, page.records());
                deliveries.add(delivery);
                if (delivery.failedAt().isPresent()) {
                    // Lambda retries the shard from the failed record; the records before it are done.
                    int failed = delivery.sequenceNumbers().indexOf(delivery.failedAt().get());
                    if (failed > 0) {
                        checkpoints.put(shard.shardId(), delivery.sequenceNumbers().get(failed - 1));
                    }
                    break;
                }
                checkpoints.put(shard.shardId(), delivery.sequenceNumbers().getLast());
                iterator = page.nextShardIterator();
            }
        }
        return deliveries;
    }

    private String iterator(String shardId) {
        String after = checkpoints.get(shardId);
        return streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
    }

    private Delivery deliver(Handler handler, List<Record> records) {
        String event = event(records);
        JsonNode answer = parse(handler.invoke(event));
        JsonNode failures = answer.path("batchItemFailures");
        Optional<String> failedAt = failures.isArray() && !failures.isEmpty()
                ? Optional.of(failures.get(0).path("itemIdentifier").asText()) : Optional.empty();
        return new Delivery(event, records.stream().map(r -> r.dynamodb().sequenceNumber()).toList(), failedAt);
    }

    /** The records as the DynamoDB Streams event Lambda sends: {@code {"Records": [...]}}, images in DynamoDB JSON. */
    public String event(List<Record> records) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("Records");
        for (Record r : records) {
            ObjectNode o = list.addObject();
            o.put("eventID", r.eventID());
            o.put("eventName", r.eventNameAsString());
            o.put("eventVersion", r.eventVersion());
            o.put("eventSource", "aws:dynamodb");
            o.put("awsRegion", region);
            ObjectNode change = o.putObject("dynamodb");
            if (r.dynamodb().approximateCreationDateTime() != null) {
                change.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime().getEpochSecond());
            }
            change.set("Keys", image(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) {
                change.set("NewImage", image(r.dynamodb().newImage()));
            }
            if (r.dynamodb().hasOldImage()) {
                change.set("OldImage", image(r.dynamodb().oldImage()));
            }
            change.put("SequenceNumber", r.dynamodb().sequenceNumber());
            change.put("SizeBytes", r.dynamodb().sizeBytes());
            change.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
            o.put("eventSourceARN", streamArn);
        }
        return root.toString();
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode o = JSON.createObjectNode();
        item.forEach((name, value) -> o.set(name, typed(value)));
        return o;
    }

    /** One attribute in DynamoDB JSON: {@code {"S": "text"}}, {@code {"N": "12"}}, {@code {"M": {...}}}. */
    private static ObjectNode typed(AttributeValue v) {
        ObjectNode o = JSON.createObjectNode();
        // By name: a switch over the SDK's enum would compile to an extra class, one more to keep out of the zip.
        switch (v.type().name()) {
            case "S" -> o.put("S", v.s());
            case "N" -> o.put("N", v.n());
            case "B" -> o.put("B", base64(v.b()));
            case "BOOL" -> o.put("BOOL", v.bool());
            case "NUL" -> o.put("NULL", true);
            case "SS" -> v.ss().forEach(o.putArray("SS")::add);
            case "NS" -> v.ns().forEach(o.putArray("NS")::add);
            case "BS" -> {
                ArrayNode set = o.putArray("BS");
                v.bs().forEach(b -> set.add(base64(b)));
            }
            case "M" -> o.set("M", image(v.m()));
            case "L" -> {
                ArrayNode list = o.putArray("L");
                v.l().forEach(e -> list.add(typed(e)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return o;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static JsonNode parse(String answer) {
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("the function's answer is not JSON: " + answer, e);
        }
    }
}
