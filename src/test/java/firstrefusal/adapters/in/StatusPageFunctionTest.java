package firstrefusal.adapters.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status-page handler fed the Function URL / HTTP API payload 2.0 events AWS sends, as raw JSON. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StatusPageFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StatusPageFunction function;

    @Inject
    DecisionService decisions;

    String offerId;

    @BeforeEach
    void anOutstandingOffer() {
        offerId = "fn-url-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(Offers.offer(offerId).provider("google").build());
    }

    @Test
    void theRootPathIsTheHtmlStatusPage() throws Exception {
        JsonNode response = invoke(functionUrlEvent("GET", "/", "asOf=2025-01-25T15%3A00%3A00Z", "{\"asOf\": \"2025-01-25T15:00:00Z\"}"));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("text/html; charset=utf-8");
        assertThat(response.get("headers").get("Content-Security-Policy").asText()).startsWith("default-src 'none'");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.get("body").asText()).contains("<svg id=\"gpu-chart\"", offerId,
                "As the record shows it stood at <strong>2025-01-25 15:00 UTC</strong>");
    }

    @Test
    void theApiPathIsJson() throws Exception {
        JsonNode response = invoke(functionUrlEvent("GET", "/api/outstanding", "", "null"));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(JSON.readTree(response.get("body").asText()).get("providers").findValuesAsText("offerId")).contains(offerId);
    }

    @Test
    void anOfferPathAnswersWithItsHistory() throws Exception {
        JsonNode response = invoke(functionUrlEvent("GET", "/offers/" + offerId, "", "null"));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("body").asText()).contains("<code>FIRST_REFUSAL_REQUIRED</code>");
    }

    @Test
    void unknownAndMalformedPathsAreNotFound() throws Exception {
        for (String path : new String[] {"/offers/unknown-offer", "/offers/%ZZ", "/offers/..%2F..%2Fapi", "/nothing"}) {
            JsonNode response = invoke(functionUrlEvent("GET", path, "", "null"));
            assertThat(response.get("statusCode").asInt()).as(path).isEqualTo(404);
            assertThat(response.get("headers").get("Content-Type").asText()).startsWith("text/html");
        }
    }

    @Test
    void aBadAsOfIsABadRequest() throws Exception {
        JsonNode response = invoke(functionUrlEvent("GET", "/", "asOf=tomorrow", "{\"asOf\": \"tomorrow\"}"));

        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(response.get("body").asText())
                .contains("asOf: must be a date such as 2026-12-01 or a time such as 2026-12-01 15:00 UTC, was &#39;tomorrow&#39;");
    }

    @Test
    void aHeadRequestHasNoBody() throws Exception {
        JsonNode response = invoke(functionUrlEvent("HEAD", "/", "", "null"));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("body").asText()).isEmpty();
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    /** A Lambda Function URL request event, as AWS documents it (payload format 2.0). */
    static String functionUrlEvent(String method, String rawPath, String rawQueryString, String queryParameters) {
        return """
                {
                  "version": "2.0",
                  "routeKey": "$default",
                  "rawPath": "%2$s",
                  "rawQueryString": "%3$s",
                  "headers": {
                    "sec-fetch-mode": "navigate",
                    "x-amzn-tls-version": "TLSv1.2",
                    "x-forwarded-proto": "https",
                    "x-forwarded-port": "443",
                    "x-forwarded-for": "203.0.113.7",
                    "accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                    "x-amzn-trace-id": "Root=1-5eb33c07-6c0e1e8c2b4f6d3a9e1d6f2a",
                    "host": "abcdefg.lambda-url.us-east-1.on.aws",
                    "accept-encoding": "gzip, deflate, br",
                    "user-agent": "Mozilla/5.0"
                  },
                  "queryStringParameters": %4$s,
                  "requestContext": {
                    "accountId": "123456789012",
                    "apiId": "abcdefg",
                    "authorizer": {"iam": {"accessKey": "AKIAIOSFODNN7EXAMPLE", "accountId": "123456789012",
                      "callerId": "AIDACKCEVSQ6C2EXAMPLE", "userArn": "arn:aws:iam::123456789012:user/procurement", "userId": "AIDACKCEVSQ6C2EXAMPLE"}},
                    "domainName": "abcdefg.lambda-url.us-east-1.on.aws",
                    "domainPrefix": "abcdefg",
                    "http": {"method": "%1$s", "path": "%2$s", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0"},
                    "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                    "routeKey": "$default",
                    "stage": "$default",
                    "time": "12/Mar/2025:19:03:58 +0000",
                    "timeEpoch": 1741806238000
                  },
                  "isBase64Encoded": false
                }""".formatted(method, rawPath, rawQueryString, queryParameters);
    }
}
