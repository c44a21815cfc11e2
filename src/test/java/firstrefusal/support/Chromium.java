package firstrefusal.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium, driven over the Chrome DevTools Protocol (a WebSocket, with the JDK's own client), so a
 * test can ask the browser what it laid out: widths, the rendered text, the DOM after parsing, and screenshots.
 * Needs Chromium on the PATH (Debian: {@code apt-get install chromium}), or {@code -Dbrowser.binary}; .ci/run installs it.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private Chromium(Process process, Path profile, String endpoint) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(endpoint), new Listener()).join();
    }

    /** Starts a headless Chromium the way this machine's closed network needs: no background traffic, a fresh profile. */
    public static Chromium launch() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank"));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium exited without a DevTools endpoint"));
        });
        try {
            return new Chromium(process, profile, endpoint.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not start: " + command, e);
        }
    }

    /** Opens {@code url} in a new tab of the given viewport width and waits until it has loaded. */
    public Tab open(String url, int width, int height) {
        String target = call("Target.createTarget", JSON.createObjectNode().put("url", "about:blank"), null).path("targetId").asText();
        String session = call("Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true), null)
                .path("sessionId").asText();
        Tab tab = new Tab(session);
        tab.resize(width, height);
        call("Page.enable", JSON.createObjectNode(), session);
        events.clear();
        call("Page.navigate", JSON.createObjectNode().put("url", url), session);
        awaitEvent("Page.loadEventFired", session);
        return tab;
    }

    /** One tab: what a test asks of the page it shows. */
    public final class Tab {

        private final String session;

        private Tab(String session) {
            this.session = session;
        }

        /** The value of a JavaScript expression evaluated in the page (the page itself runs no script of its own). */
        public JsonNode eval(String expression) {
            JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                    .put("returnByValue", true), session);
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("In the page: " + result.path("exceptionDetails").toPrettyString());
            }
            return result.path("result").path("value");
        }

        /** The text as rendered, as a reader sees it (hidden elements and attribute values left out). */
        public String text() {
            return eval("document.body.innerText").asText();
        }

        public String dom() {
            return eval("document.documentElement.outerHTML").asText();
        }

        /** The whole page, top to bottom, at the tab's width, as PNG. */
        public byte[] screenshot() {
            JsonNode metrics = call("Page.getLayoutMetrics", JSON.createObjectNode(), session);
            int width = metrics.path("cssLayoutViewport").path("clientWidth").asInt();
            int height = (int) Math.ceil(metrics.path("cssContentSize").path("height").asDouble());
            resize(width, height);
            ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
            return Base64.getDecoder().decode(call("Page.captureScreenshot", params, session).path("data").asText());
        }

        private void resize(int width, int height) {
            call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                    .put("deviceScaleFactor", 1).put("mobile", false), session);
        }
    }

    private JsonNode call(String method, ObjectNode params, String session) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.path("error"));
            }
            return answer.path("result");
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " got no answer", e);
        }
    }

    private void awaitEvent(String method, String session) {
        long until = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < until) {
                JsonNode event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && method.equals(event.path("method").asText()) && session.equals(event.path("sessionId").asText())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("no " + method + " within " + WAIT);
    }

    /** Replies go to their caller, events to the queue; a long message arrives in parts. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode node = JSON.readTree(message.toString());
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> reply = replies.remove(node.path("id").asInt());
                        if (reply != null) {
                            reply.complete(node);
                        }
                    } else {
                        events.add(node);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("DevTools sent something that is not JSON", e);
                } finally {
                    message.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static String binary() {
        String configured = System.getProperty("browser.binary");
        if (configured != null) {
            return configured;
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "No Chromium on the PATH: install it (Debian: apt-get install chromium) or set -Dbrowser.binary"));
    }
}
