package firstrefusal.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local stand-in for EventBridge's {@code PutEvents} (AWS JSON 1.1), for dev mode and the tests: no local
 * EventBridge server exists, so the AWS SDK's real client is pointed here. It checks entries as EventBridge
 * does (at most 10, source, detail-type and a JSON-object detail required), keeps what it accepts, and can be
 * told to refuse entries (a per-entry error code, as EventBridge answers a throttled entry) or whole calls.
 */
public final class LocalEventBus implements AutoCloseable {

    /** One accepted entry, as the bus received it. */
    public record Entry(String bus, String source, String detailType, JsonNode detail) {

        public String eventId() {
            return detail.path("eventId").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Entry> received = new CopyOnWriteArrayList<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingCalls = new AtomicInteger();
    private volatile Consumer<Entry> listener = entry -> { };

    private record Refusal(Predicate<Entry> matches, String errorCode, AtomicInteger left) {
    }

    private LocalEventBus(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code port} (0: any free port) of the loopback interface. */
    public static LocalEventBus start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            LocalEventBus bus = new LocalEventBus(server, executor);
            server.setExecutor(executor);
            server.createContext("/", bus::serve);
            server.start();
            return bus;
        } catch (IOException e) {
            throw new UncheckedIOException("the local EventBridge stand-in did not start on port " + port, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Entry> received() {
        return List.copyOf(received);
    }

    /** Called for every accepted entry (dev mode logs them). */
    public void onEntry(Consumer<Entry> listener) {
        this.listener = listener;
    }

    /** The next {@code times} entries that match are refused with {@code errorCode}, as a throttled entry is. */
    public void refuse(Predicate<Entry> matches, String errorCode, int times) {
        refusals.add(new Refusal(matches, errorCode, new AtomicInteger(times)));
    }

    /** The next {@code calls} calls fail as a whole (HTTP 500), none of their entries accepted. */
    public void failCalls(int calls) {
        failingCalls.set(calls);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            if (!"AWSEvents.PutEvents".equals(target)) {
                answer(exchange, 400, error("UnknownOperationException", "only PutEvents is served here, not " + target));
            } else if (failingCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(exchange, 500, error("InternalException", "injected failure of the whole call"));
            } else if (!request.path("Entries").isArray() || request.path("Entries").isEmpty()
                    || request.path("Entries").size() > 10) {
                answer(exchange, 400, error("ValidationException", "Entries must hold 1 to 10 entries"));
            } else {
                answer(exchange, 200, putEvents(request));
            }
        }
    }

    private synchronized ObjectNode putEvents(JsonNode request) {
        JsonNode entries = request.path("Entries");
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode e : entries) {
            Entry entry = entry(e);
            String problem = entry == null ? "MalformedDetail" : refusal(entry);
            if (problem != null) {
                failed++;
                results.addObject().put("ErrorCode", problem).put("ErrorMessage", "refused by the local stand-in");
                continue;
            }
            received.add(entry);
            listener.accept(entry);
            results.addObject().put("EventId", UUID.randomUUID().toString());
        }
        return response.put("FailedEntryCount", failed);
    }

    /** The entry, or null when EventBridge would refuse it: no source, no detail-type, or a detail that is not a JSON object. */
    private static Entry entry(JsonNode e) {
        String source = e.path("Source").asText("");
        String detailType = e.path("DetailType").asText("");
        try {
            JsonNode detail = JSON.readTree(e.path("Detail").asText(""));
            if (source.isEmpty() || detailType.isEmpty() || detail == null || !detail.isObject()) {
                return null;
            }
            return new Entry(e.path("EventBusName").asText("default"), source, detailType, detail);
        } catch (IOException malformed) {
            return null;
        }
    }

    private String refusal(Entry entry) {
        for (Refusal r : new ArrayList<>(refusals)) {
            if (r.matches().test(entry) && r.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return r.errorCode();
            }
        }
        return null;
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
