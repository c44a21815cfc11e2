package firstrefusal.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import firstrefusal.domain.offer.InvalidMessageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON settings of the wire contract, in one place: strict where the input is hostile (nesting
 * depth, duplicate keys, sizes), exact for money (decimals stay decimals), and lenient about the
 * capitalisation AWS uses in its event types ({@code Records}, {@code eventSourceARN}).
 */
public final class WireJson {

    /** The largest single message (direct event, EventBridge event or SQS body) taken; real ones are under 1 KiB. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /** The largest invocation payload Lambda delivers synchronously. */
    public static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(64)
                            .maxStringLength(MAX_EVENT_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // 2.10 stays 2.10: the tree would otherwise strip the zeros the contract says are kept.
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build();

    private WireJson() {
    }

    /** Reads a whole invocation payload, refusing one larger than {@code limit} bytes before parsing anything. */
    public static byte[] readPayload(InputStream in, int limit, String what) {
        try {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new InvalidMessageException(what, "is larger than " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one message given as text, such as an SQS record body. */
    public static JsonNode parse(String text, String what) {
        if (text == null) {
            throw new InvalidMessageException(what, "is required");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new InvalidMessageException(what, "is larger than " + MAX_MESSAGE_BYTES + " bytes");
        }
        return parse(bytes, what);
    }

    public static JsonNode parse(byte[] bytes, String what) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidMessageException(what, "is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(what, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(OutputStream out, Object value) {
        try {
            MAPPER.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
