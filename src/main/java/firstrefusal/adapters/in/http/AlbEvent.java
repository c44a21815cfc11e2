package firstrefusal.adapters.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.wire.WireJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Application Load Balancer target-group event ({@code requestContext.elb}), read by hand, and its answer in the
 * ALB's shape. Headers and query parameters come single- or multi-valued, as the target group is set up; unlike API
 * Gateway, the load balancer passes query parameters still percent-encoded.
 */
public record AlbEvent(String method, String path, Map<String, String> headers, Map<String, String> query, boolean multiValue,
        String body, boolean base64) {

    public static boolean isOne(JsonNode event) {
        return event.path("requestContext").has("elb");
    }

    public static AlbEvent read(JsonNode event) {
        boolean multi = event.has("multiValueHeaders");
        Map<String, String> headers = new HashMap<>();
        values(event.path(multi ? "multiValueHeaders" : "headers"))
                .forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, String> query = new HashMap<>();
        values(event.path(multi ? "multiValueQueryStringParameters" : "queryStringParameters"))
                .forEach((name, value) -> query.put(decoded(name), decoded(value)));
        return new AlbEvent(event.path("httpMethod").asText("GET"), event.path("path").asText("/"), headers, query, multi,
                event.path("body").isTextual() ? event.path("body").asText() : null, event.path("isBase64Encoded").asBoolean(false));
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** {@code statusCode}, {@code statusDescription}, {@code headers} (or {@code multiValueHeaders}), {@code body}, {@code isBase64Encoded}. */
    public ObjectNode answer(int status, Map<String, String> responseHeaders, String body) {
        ObjectNode root = WireJson.MAPPER.createObjectNode();
        root.put("statusCode", status);
        root.put("statusDescription", status + " " + reason(status));
        ObjectNode headersNode = root.putObject(multiValue ? "multiValueHeaders" : "headers");
        responseHeaders.forEach((name, value) -> {
            if (multiValue) {
                headersNode.putArray(name).add(value);
            } else {
                headersNode.put(name, value);
            }
        });
        root.put("body", body);
        root.put("isBase64Encoded", false);
        return root;
    }

    /**
     * One value per name; repeated ones joined with commas, as API Gateway's HTTP API and Function URL events give
     * them, so every route reads a repeated parameter ({@code exception=}) the same way whatever the event came in.
     */
    private static Map<String, String> values(JsonNode node) {
        Map<String, String> values = new HashMap<>();
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isArray() && !v.isEmpty()) {
                List<String> each = new ArrayList<>();
                v.forEach(one -> each.add(one.asText()));
                values.put(e.getKey(), String.join(",", each));
            } else if (v.isTextual()) {
                values.put(e.getKey(), v.asText());
            }
        });
        return values;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            default -> status >= 500 ? "Internal Server Error" : "";
        };
    }
}
