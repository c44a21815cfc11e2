package firstrefusal.adapters.in;

import static firstrefusal.adapters.in.StatusPageFunctionTest.functionUrlEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.adapters.in.http.AlbSignIn;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ProviderKind;
import firstrefusal.page.Frame;
import firstrefusal.page.PageRoutes;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The status page as deployed, the {@code status-page} Lambda handler, fed hostile data and hostile
 * requests. Markup and script in every value it renders (offer regions from messages; provider and
 * holder names and the policy version from configuration) come out as text; the JSON twins carry them
 * unchanged as JSON strings; path tricks are clean 404s; every response, errors included, carries the
 * restrictive Content-Security-Policy and no-sniff headers. {@code StatusPageRoutesTest} covers the same
 * routes over HTTP.
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StatusPageSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");

    /** Values a sender or a careless configuration might put where the page shows text. */
    static final List<String> HOSTILE = List.of(
            "<script>alert('region')</script>",
            "\"><img src=x onerror=alert(1)>",
            "'><svg onload=alert(1)>",
            "</td></tr></table><script>alert(1)</script>",
            "</style><script>alert(1)</script>",
            "</title><iframe src=//evil.example>",
            "javascript:alert(1)",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "{frame.css.raw}{#include frame /}",
            "<!-- ]]> --!> \u2028\u2029 `${alert(1)}`",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E");

    private static final String EVIL_NAME = "<img src=x onerror=alert('provider')>";
    private static final String HOLDER_NAME = "Azure\"><script>alert('holder')</script>";
    private static final String VERSION = "2025-01-21<script>alert('version')</script>";
    /** Real tags only: escaped text cannot open one. */
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z][a-zA-Z0-9:-]*)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
    private static final List<String> ACTIVE_TAGS = List.of("script", "iframe", "img", "object", "embed", "base", "link", "frame");

    @Inject
    DynamoDbClient client;

    @Inject
    StatusPageConfig config;

    @Inject
    AlbSignIn signIn;

    FreshTable table;
    StatusPageFunction function;
    final List<String> offerIds = new ArrayList<>();

    @BeforeEach
    void hostileOffersUnderAHostilePolicy() {
        Policy policy = policy(VERSION, Map.of("azure", new Provider("azure", HOLDER_NAME, ProviderKind.HOLDER),
                "evil", new Provider("evil", EVIL_NAME, ProviderKind.THIRD_PARTY)));
        table = FreshTable.create(client, policy, "page-security");
        DecisionService decisions = new DecisionService(policy, table.store());
        for (int i = 0; i < HOSTILE.size(); i++) {
            String id = "javascript:hostile-" + i;
            offerIds.add(id);
            decisions.decide(new CapacityOffer(id, 1, "evil", 1_000 + i, null, HOSTILE.get(i), Workload.RESEARCH,
                    LocalDate.parse("2025-06-01"), 12, new BigDecimal("2.00"), null, RECEIVED.plusSeconds(i)));
        }
        function = new StatusPageFunction(new PageRoutes(table.store(), table.ledger(), table.proofs(), firstrefusal.domain.policy.Agreement.of(policy), Clock.systemUTC(), config), signIn);
    }

    @AfterEach
    void dropTable() {
        table.drop();
    }

    @Test
    void everyRenderedValueIsEscapedAsTextOnEveryHtmlPage() throws Exception {
        // The check below finds what it looks for, and not escaped text.
        assertThat(activeContent("<td><img src=x onerror=alert(1)></td><a href=\" JavaScript:x\"><b onmouseover=alert(1)>"))
                .hasSize(4);
        assertThat(activeContent("<td>&lt;img src=x onerror=alert(1)&gt;</td>")).isEmpty();
        List<String> pages = new ArrayList<>(List.of("/", "/?provider=evil"));
        offerIds.forEach(id -> pages.add("/offers/" + id));
        for (String path : pages) {
            String[] pathAndQuery = path.split("\\?", 2);
            JsonNode response = get(pathAndQuery[0], pathAndQuery.length > 1 ? pathAndQuery[1] : "", "text/html");
            String html = response.get("body").asText();
            assertThat(response.get("statusCode").asInt()).as(path).isEqualTo(200);
            assertThat(activeContent(html)).as("active content on %s", path).isEmpty();
            for (String name : List.of(EVIL_NAME, HOLDER_NAME, VERSION)) {
                assertThat(html).as(path).contains(escaped(name)).doesNotContain(name);
            }
        }
        String overview = get("/", "", "text/html").get("body").asText();
        for (String value : HOSTILE) {
            assertThat(overview).contains(escaped(value));
        }
    }

    @Test
    void theJsonTwinsCarryHostileValuesAsPlainJsonStrings() throws Exception {
        JsonNode outstanding = get("/api/outstanding", "", "application/json");
        assertThat(outstanding.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(outstanding.get("headers").get("X-Content-Type-Options").asText()).isEqualTo("nosniff");
        JsonNode board = JSON.readTree(outstanding.get("body").asText());
        assertThat(board.findValuesAsText("region")).containsExactlyInAnyOrderElementsOf(HOSTILE);
        assertThat(board.findValuesAsText("name")).contains(EVIL_NAME);

        for (int i = 0; i < offerIds.size(); i++) {
            JsonNode offer = get("/offers/" + offerIds.get(i), "", "application/json");
            assertThat(offer.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
            assertThat(JSON.readTree(offer.get("body").asText()).get("offer").get("region").asText()).isEqualTo(HOSTILE.get(i));
        }
    }

    @Test
    void pathTricksThroughTheLambdaHandlerAreCleanNotFounds() throws Exception {
        String known = offerIds.getFirst();
        List<String> tricks = List.of("/offers/..%2F..%2Fapi%2Foutstanding", "/offers/../api/outstanding", "/offers/%2e%2e/%2e%2e/etc/passwd",
                "/offers/%252e%252e%252fapi", "/offers/%00", "/offers/x%00y", "/offers/%ZZ", "/offers/%", "/offers/a/b", "/offers/",
                "/offers", "/offers//x", "/offers/x/", "/offers/x;jsessionid=1", "/offers/x%20", "/offers/x+y",
                "/offers/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/offers/<script>alert(1)</script>", "/offers/\"><svg onload=alert(1)>",
                "/offers/" + "x".repeat(129), "/offers/" + "x".repeat(100_000), "//offers/x", "/OFFERS/" + known, "/offers/\u202e",
                "/offers/%C0%AE%C0%AE", "/offers/..", "/offers/.", "/api/outstanding/..", "/api/outstanding%2F", "/\\offers\\x",
                "/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd", "/offers/" + known + "%2F..%2F..", "/offers/" + known + "/history",
                "/offers/" + known.replace(":", "%3A") + "%2F");
        for (String path : tricks) {
            for (String accept : List.of("text/html", "application/json")) {
                JsonNode response = get(path, "", accept);
                String body = response.get("body").asText();
                assertThat(response.get("statusCode").asInt()).as("%s (%s)", shorten(path), accept).isEqualTo(404);
                // Under /api/ errors are JSON whatever was asked for; elsewhere they follow Accept.
                assertThat(response.get("headers").get("Content-Type").asText())
                        .startsWith(path.startsWith("/api/") ? "application/json" : accept);
                assertRestrictiveHeaders(response, path);
                assertThat(activeContent(body)).as(path).isEmpty();
                assertThat(body).doesNotContain("root:", "pricePerGpuHourUsd", "Exception");
            }
        }
    }

    @Test
    void everyResponseErrorsIncludedCarriesTheRestrictiveHeaders() throws Exception {
        assertRestrictiveHeaders(get("/", "", "text/html"), "/");
        assertRestrictiveHeaders(get("/api/outstanding", "", "application/json"), "/api/outstanding");
        assertRestrictiveHeaders(get("/offers/" + offerIds.getFirst(), "", "text/html"), "/offers/{id}");
        for (String query : List.of("asOf=%3Cscript%3E", "provider=%3Cscript%3Ealert(1)%3C%2Fscript%3E")) {
            JsonNode bad = invoke(functionUrlEvent("GET", "/", query, JSON.writeValueAsString(
                    Map.of(query.substring(0, query.indexOf('=')), "<script>alert(1)</script>"))));
            assertThat(bad.get("statusCode").asInt()).isEqualTo(400);
            assertThat(bad.get("body").asText()).doesNotContain("<script>alert(1)");
            assertRestrictiveHeaders(bad, query);
        }
        JsonNode post = invoke(functionUrlEvent("POST", "/", "", "null"));
        assertThat(post.get("statusCode").asInt()).isEqualTo(405);
        assertRestrictiveHeaders(post, "POST /");

        // A failure inside is a plain 500 that tells nothing about the code, with the same headers.
        StatusPageFunction failing = new StatusPageFunction(new PageRoutes(new FailingStore(), table.ledger(), table.proofs(),
                firstrefusal.domain.policy.Agreement.of(policy("v", Map.of("azure", new Provider("azure", "Azure", ProviderKind.HOLDER)))), Clock.systemUTC(), config), signIn);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        failing.handleRequest(new ByteArrayInputStream(functionUrlEvent("GET", "/", "", "null").getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode failed = JSON.readTree(out.toByteArray());
        assertThat(failed.get("statusCode").asInt()).isEqualTo(500);
        assertThat(failed.get("body").asText()).doesNotContain("Exception", "at firstrefusal", "DynamoDB");
        assertRestrictiveHeaders(failed, "500");
    }

    private static void assertRestrictiveHeaders(JsonNode response, String what) {
        JsonNode headers = response.get("headers");
        String csp = headers.get("Content-Security-Policy").asText();
        assertThat(csp).as("CSP of %s", shorten(what)).startsWith("default-src 'none'")
                .contains("frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "script-src", "*");
        assertThat(headers.get("X-Content-Type-Options").asText()).isEqualTo("nosniff");
        assertThat(headers.get("X-Frame-Options").asText()).isEqualTo("DENY");
    }

    /** Tags that could run script, event-handler attributes and javascript: links: none may be on a page. */
    static List<String> activeContent(String html) {
        List<String> found = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            if (ACTIVE_TAGS.contains(tag.group(1).toLowerCase())) {
                found.add(tag.group());
            }
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase();
                if (name.startsWith("on") || List.of("href", "src", "action").contains(name)
                        && attribute.group(2).replaceAll("^[\"']|[\"']$", "").strip().toLowerCase().startsWith("javascript:")) {
                    found.add(tag.group());
                }
            }
        }
        return found;
    }

    /** What Qute's HTML escaping makes of a value. */
    static String escaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private JsonNode get(String rawPath, String rawQuery, String accept) throws Exception {
        String event = functionUrlEvent("GET", jsonText(rawPath), rawQuery, "null").replace(
                "\"accept\": \"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\"", "\"accept\": \"" + accept + "\"");
        if (!rawQuery.isEmpty()) {
            String[] pair = rawQuery.split("=", 2);
            event = event.replace("\"queryStringParameters\": null", "\"queryStringParameters\": " + JSON.writeValueAsString(Map.of(pair[0], pair[1])));
        }
        return invoke(event);
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    /** A value as it stands inside a JSON string, for the event text. */
    private static String jsonText(String value) throws Exception {
        String quoted = JSON.writeValueAsString(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** The default contract's terms, with the version and providers given. */
    private static Policy policy(String version, Map<String, Provider> providers) {
        return firstrefusal.domain.policy.TestPolicies.builder().version(version).providers(providers).exceptions(List.of()).build();
    }

    /** Storage that is down: every read fails. */
    private static final class FailingStore implements OfferStore {
        @Override
        public Optional<OfferRecord> load(String offerId) {
            throw new IllegalStateException("DynamoDB is unreachable");
        }

        @Override
        public void record(Outcome.Changed change) {
            throw new IllegalStateException("DynamoDB is unreachable");
        }

        @Override
        public Optional<OfferState> recordReminder(Reminder reminder, OfferState state) {
            throw new IllegalStateException("DynamoDB is unreachable");
        }

        @Override
        public List<OfferState> outstanding() {
            throw new IllegalStateException("DynamoDB is unreachable");
        }

        @Override
        public StatePage offerStates(Optional<String> after, int limit) {
            throw new IllegalStateException("DynamoDB is unreachable");
        }

        @Override
        public DecisionPage decisions(DecisionQuery query, Optional<String> after, int limit, int maxReads) {
            throw new IllegalStateException("DynamoDB is unreachable");
        }

        @Override
        public boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost,
                java.util.function.Consumer<OfferRecord> offer) {
            throw new IllegalStateException("DynamoDB is unreachable");
        }
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
