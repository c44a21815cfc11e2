package firstrefusal.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.page.PageRequest;
import firstrefusal.page.PageResponse;
import firstrefusal.page.StatusPage;
import firstrefusal.wire.WireJson;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code status-page} function (src/docs/contract.md, "Functions"), picked with {@code QUARKUS_LAMBDA_HANDLER=status-page}:
 * an API Gateway HTTP API (payload 2.0) or Lambda Function URL event in, the page out.
 */
@Named("status-page")
public class StatusPageFunction implements RequestStreamHandler {

    private final StatusPage page;

    public StatusPageFunction(StatusPage page) {
        this.page = page;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = WireJson.readPayload(input, WireJson.MAX_EVENT_BYTES, "event");
        APIGatewayV2HTTPEvent event = WireJson.MAPPER.readValue(payload, APIGatewayV2HTTPEvent.class);
        WireJson.write(output, write(handle(event)));
    }

    /** Serves one request; the dev server calls this too, so both paths render alike. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String method = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod)
                .orElse("GET");
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        PageResponse response = page.handle(new PageRequest(method, event.getRawPath(), event.getQueryStringParameters(),
                header(headers, "accept")));
        Map<String, String> responseHeaders = new java.util.HashMap<>(response.headers());
        responseHeaders.put("Content-Type", response.contentType());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(responseHeaders)
                .withBody("HEAD".equals(method) ? "" : response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** Header names arrive lower-cased from API Gateway, as sent from elsewhere. */
    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Written field by field: the exact names Lambda expects ({@code isBase64Encoded}), with no reflection. */
    private static ObjectNode write(APIGatewayV2HTTPResponse response) {
        ObjectNode root = WireJson.MAPPER.createObjectNode();
        root.put("statusCode", response.getStatusCode());
        ObjectNode headers = root.putObject("headers");
        response.getHeaders().forEach(headers::put);
        root.put("body", response.getBody());
        root.put("isBase64Encoded", response.getIsBase64Encoded());
        return root;
    }
}
