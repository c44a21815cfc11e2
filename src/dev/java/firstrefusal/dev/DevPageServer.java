package firstrefusal.dev;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import firstrefusal.adapters.in.StatusPageFunction;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Status;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Serves the status page on http://localhost:8080/ in dev and test mode by turning each HTTP request
 * into the Function URL event the {@code status-page} Lambda receives, so dev shows exactly what AWS
 * serves. The deployed functions carry no HTTP server at all (it would only slow their cold start).
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@Singleton
public class DevPageServer {

    private static final Logger LOG = Logger.getLogger(DevPageServer.class);

    private final StatusPageFunction function;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    public DevPageServer(StatusPageFunction function, StatusPageConfig config) {
        this.function = function;
        this.port = config.devServer().port();
    }

    void start(@Observes @Priority(30) StartupEvent event) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        LOG.infof("Status page on http://localhost:%d/", port);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            APIGatewayV2HTTPResponse response = function.handle(toEvent(exchange));
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.getStatusCode(), head ? -1 : body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Status page request failed", e);
            throw e;
        }
    }

    /** The request as a Function URL / HTTP API payload 2.0 event: lower-cased headers, decoded query parameters. */
    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        // A body as a Function URL hands it over: base64 (a form post's few fields; more than that is cut off here).
        byte[] body;
        try {
            body = exchange.getRequestBody().readNBytes(64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return APIGatewayV2HTTPEvent.builder()
                .withBody(body.length == 0 ? null : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0)
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .build())
                        .build())
                .build();
    }

    /** Like API Gateway: decoded values, repeated parameters joined with commas. */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.merge(name, value, (a, b) -> a + "," + b);
            } catch (IllegalArgumentException malformed) {
                // API Gateway would reject it; the page then simply ignores the parameter.
            }
        }
        return params;
    }
}
