package firstrefusal.adapters.in;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.adapters.in.http.AlbEvent;
import firstrefusal.adapters.in.http.AlbSignIn;
import firstrefusal.page.PageRequest;
import firstrefusal.page.PageResponse;
import firstrefusal.page.PageRoutes;
import firstrefusal.wire.WireJson;
import io.quarkus.qute.Engine;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@code status-page} function, picked with {@code QUARKUS_LAMBDA_HANDLER=status-page}: an API Gateway HTTP API
 * (payload 2.0) or Lambda Function URL event in, the page out; or, behind an Application Load Balancer that signs
 * people in with OpenID Connect, an ALB target-group event, answered in the ALB's shape once the load balancer's
 * signed {@code x-amzn-oidc-data} header verifies (a bad or expired one gets 401 and no data).
 */
@Named("status-page")
public class StatusPageFunction implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(StatusPageFunction.class);

    private final PageRoutes page;
    private final AlbSignIn signIn;

    public StatusPageFunction(PageRoutes page, AlbSignIn signIn) {
        this.page = page;
        this.signIn = signIn;
    }

    /**
     * The page's Qute engine built, its templates parsed, during this function's init: the extension's engine waits for
     * its first use (page/QuteEngineOnFirstUse), so that {@code decide} and {@code notify} never build it, and the page
     * builds it here rather than in its first request.
     */
    @Inject
    void buildTheTemplateEngine(Engine engine) {
        engine.getTemplate("status");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = WireJson.readPayload(input, WireJson.MAX_EVENT_BYTES, "event");
        JsonNode event = WireJson.parse(payload, "event");
        if (AlbEvent.isOne(event)) {
            WireJson.write(output, handle(AlbEvent.read(event)));
            return;
        }
        APIGatewayV2HTTPEvent request = WireJson.MAPPER.treeToValue(event, APIGatewayV2HTTPEvent.class);
        WireJson.write(output, write(throughAnswerAlias(context) ? answerOnly(request) : handle(request)));
    }

    /**
     * Whether Lambda invoked the alias {@value #ANSWER_ALIAS}: the public URL of the holder's answer page, which serves
     * {@code /answer/} and nothing else of the page (infra/template.yaml).
     */
    static boolean throughAnswerAlias(Context context) {
        String arn = context == null ? null : context.getInvokedFunctionArn();
        return arn != null && arn.endsWith(":" + ANSWER_ALIAS);
    }

    static final String ANSWER_ALIAS = "answer";

    /** Through the public answer URL: the answer page, and a bare 404 for anything else. */
    APIGatewayV2HTTPResponse answerOnly(APIGatewayV2HTTPEvent event) {
        if (event.getRawPath() != null && event.getRawPath().startsWith(PageRoutes.ANSWER_PATHS)) {
            return handle(event);
        }
        LOG.warnf("status page refused %s through the public answer URL: only /answer/ is served there", event.getRawPath());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(404)
                .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"))
                .withBody("Not found\n").withIsBase64Encoded(false).build();
    }

    /** Serves one Function URL / HTTP API request; the dev server calls this too, so both paths render alike. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String method = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod)
                .orElse("GET");
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        PageResponse response = page.handle(new PageRequest(method, event.getRawPath(), event.getQueryStringParameters(),
                header(headers, "accept"), null, event.getBody(), event.getIsBase64Encoded()));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headersOf(response))
                .withBody("HEAD".equals(method) ? "" : response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** Serves one request the load balancer forwarded after signing the user in; refuses it unless the sign-in verifies. */
    ObjectNode handle(AlbEvent request) {
        String user = null;
        try {
            // The holder's answer page needs no sign-in: the link is its credential, and the listener's rule for
            // /answer/* forwards without one (infra/template.yaml).
            if (!request.path().startsWith(PageRoutes.ANSWER_PATHS)) {
                user = signIn.verify(request.header("x-amzn-oidc-data"));
            }
        } catch (AlbSignIn.Refused e) {
            LOG.warnf("status page refused %s %s: %s", request.method(), request.path(), e.getMessage());
            return request.answer(401, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"),
                    "Sign-in could not be verified; sign in again.\n");
        }
        PageResponse response = page.handle(new PageRequest(request.method(), request.path(), request.query(),
                request.header("accept"), user, request.body(), request.base64()));
        return request.answer(response.status(), headersOf(response), "HEAD".equals(request.method()) ? "" : response.body());
    }

    private static Map<String, String> headersOf(PageResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("Content-Type", response.contentType());
        return headers;
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
