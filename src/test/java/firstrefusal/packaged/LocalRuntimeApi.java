package firstrefusal.packaged;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import firstrefusal.domain.offer.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) as the runtime interface client uses it, served on a free local
 * port: the runtime long-polls {@code GET /runtime/invocation/next} for the next event and answers it with
 * {@code POST /runtime/invocation/{id}/response} or {@code .../error}; a runtime that cannot initialise posts
 * {@code /runtime/init/error}. One execution environment, one invocation at a time, as in Lambda.
 */
final class LocalRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    /** What the runtime posted back: a response, or an error with its {@code errorType} header. */
    record Answer(boolean isError, String body, String errorType) {
    }

    /** @param qualifier the alias or version the invocation names, as Lambda puts it in the invoked ARN; null for none */
    private record Invocation(String requestId, byte[] event, CompletableFuture<Answer> answer, String qualifier) {
    }

    private final String functionName;
    private final Duration functionTimeout;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Answer> initError = new CompletableFuture<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean closed;
    /** When the runtime first asked for an event, i.e. finished its init; 0 until then. */
    private volatile long firstPollNanos;

    LocalRuntimeApi(String functionName, Duration functionTimeout) {
        this.functionName = functionName;
        this.functionTimeout = functionTimeout;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A thread per exchange: /next blocks until an event is queued and must not hold up /response.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Queues one event; the future completes when the runtime answers it. */
    CompletableFuture<Answer> submit(String eventJson) {
        return submit(eventJson, null);
    }

    /** An invocation of the function's alias or version {@code qualifier}, as through a URL or trigger on that alias. */
    CompletableFuture<Answer> submit(String eventJson, String qualifier) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>(), qualifier);
        queued.add(invocation);
        return invocation.answer();
    }

    /** The {@link System#nanoTime()} of the runtime's first request for an event (its init was done), or 0. */
    long firstPollNanos() {
        return firstPollNanos;
    }

    /** Completes when the runtime reports that its initialisation failed. */
    CompletableFuture<Answer> initError() {
        return initError;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && path.equals(BASE + "invocation/next")) {
                next(exchange);
            } else if ("POST".equals(method) && path.equals(BASE + "init/error")) {
                initError.complete(answer(exchange, true));
                accepted(exchange);
            } else if ("POST".equals(method) && path.startsWith(BASE + "invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                String rest = path.substring((BASE + "invocation/").length());
                String requestId = rest.substring(0, rest.lastIndexOf('/'));
                Invocation invocation = inFlight.remove(requestId);
                if (invocation == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id " + requestId + "\","
                            + "\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                invocation.answer().complete(answer(exchange, path.endsWith("/error")));
                accepted(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such resource\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    /** Blocks until an event is queued, then hands it over with the headers the runtime reads its context from. */
    private void next(HttpExchange exchange) throws IOException {
        if (firstPollNanos == 0) {
            firstPollNanos = System.nanoTime();
        }
        Invocation invocation = null;
        while (invocation == null && !closed) {
            try {
                invocation = queued.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (invocation == null) {
            return; // shutting down: the connection just closes
        }
        inFlight.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:" + functionName
                        + (invocation.qualifier() == null ? "" : ":" + invocation.qualifier()));
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, invocation.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event());
        }
    }

    private static Answer answer(HttpExchange exchange, boolean isError) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(isError, body, exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER));
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An X-Ray trace header of the documented shape: Root=1-{epoch seconds}-{96 random bits};Parent={64 bits}. */
    private static String traceId() {
        String root = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String parent = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + root + ";Parent=" + parent
                + ";Sampled=0";
    }

    @Override
    public void close() {
        if (closed) {
            return; // an environment shut down by a test, then closed with its stack
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
