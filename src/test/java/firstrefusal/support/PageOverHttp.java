package firstrefusal.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import firstrefusal.dev.DevPageServer;
import firstrefusal.page.PageRequest;
import firstrefusal.page.PageResponse;
import firstrefusal.page.PageRoutes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One {@link PageRoutes} of a test's own (its own table, its own fixed clock) served over HTTP on a free port, so a
 * browser can load it while the app's page serves the shared table.
 */
public final class PageOverHttp implements AutoCloseable {

    private final HttpServer server;

    public PageOverHttp(PageRoutes page) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> serve(page, exchange));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void serve(PageRoutes page, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] posted = exchange.getRequestBody().readNBytes(64 * 1024);
            PageResponse response = page.handle(new PageRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    DevPageServer.query(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders().getFirst("Accept"), null,
                    posted.length == 0 ? null : new String(posted, StandardCharsets.UTF_8), false));
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
