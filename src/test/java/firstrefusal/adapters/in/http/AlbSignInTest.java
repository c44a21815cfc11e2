package firstrefusal.adapters.in.http;

import static firstrefusal.support.AlbTokens.ALB_ARN;
import static firstrefusal.support.AlbTokens.KID;
import static firstrefusal.support.AlbTokens.albEvent;
import static firstrefusal.support.AlbTokens.ecKey;
import static firstrefusal.support.AlbTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import firstrefusal.adapters.in.StatusPageFunction;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.Offers;
import firstrefusal.page.PageRoutes;
import firstrefusal.support.AlbTokens;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status page behind an Application Load Balancer with OIDC sign-in: real ALB target-group event payloads, and
 * an {@code x-amzn-oidc-data} header made as the load balancer makes it (ES256 over base64url parts with padding,
 * {@code kid} and {@code signer} in the header), its public key a PEM file served by a local HTTP server by key id.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AlbSignInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Inject
    PageRoutes page;

    @Inject
    DecisionService decisions;

    KeyPair albKey;
    HttpServer keyServer;
    StatusPageFunction function;
    String offerId;

    @BeforeEach
    void aLoadBalancerWithItsPublicKeyServed() throws Exception {
        albKey = ecKey();
        keyServer = AlbTokens.keyServer(albKey);
        keyServer.start();
        AlbSignIn signIn = new AlbSignIn(AlbTokens.keyUrl(keyServer), "us-east-1",
                Optional.of(ALB_ARN), new HttpKeySource(), Clock.fixed(NOW, ZoneOffset.UTC));
        function = new StatusPageFunction(page, signIn);
        offerId = "alb-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(Offers.offer(offerId).provider("google").build());
    }

    @AfterEach
    void stopKeyServer() {
        keyServer.stop(0);
    }

    @Test
    void aTokenSignedAsTheLoadBalancerSignsItShowsWhoIsSignedIn() throws Exception {
        JsonNode response = invoke(albEvent("/", "asOf=2025-01-25T15%3A00%3A00Z", token(albKey, KID, ALB_ARN, NOW.plusSeconds(60))));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("text/html; charset=utf-8");
        String body = response.path("body").asText();
        assertThat(body).contains("signed in as <strong id=\"signed-in\">lead@example.com</strong>", offerId)
                .as("the ALB passes query parameters still percent-encoded")
                .contains("As the record shows it stood at <strong>2025-01-25 15:00 UTC</strong>");
    }

    @Test
    void aMultiValueTargetGroupGetsAMultiValueAnswer() throws Exception {
        String event = albEvent("/api/outstanding", "", token(albKey, KID, ALB_ARN, NOW.plusSeconds(60)));
        JsonNode multi = JSON.readTree(event);
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).set("multiValueHeaders", multiValued(multi.path("headers")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).remove("headers");
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).set("multiValueQueryStringParameters", JSON.createObjectNode());
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).remove("queryStringParameters");

        JsonNode response = invoke(multi.toString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("multiValueHeaders").path("Content-Type").get(0).asText()).isEqualTo("application/json");
        assertThat(JSON.readTree(response.path("body").asText()).path("providers").findValuesAsText("offerId")).contains(offerId);
    }

    @Test
    void aRepeatedQueryParameterOfAMultiValueTargetGroupKeepsEveryValue() throws Exception {
        JsonNode multi = JSON.readTree(albEvent("/api/what-if", "", token(albKey, KID, ALB_ARN, NOW.plusSeconds(60))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).set("multiValueHeaders", multiValued(multi.path("headers")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).remove("headers");
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).set("multiValueQueryStringParameters",
                JSON.readTree("{\"exception\": [\"oracle%3Aa\", \"softbank%3Ab\"]}"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) multi).remove("queryStringParameters");

        JsonNode response = invoke(multi.toString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(response.path("body").asText()).path("draft").path("exception").toString())
                .isEqualTo("[\"oracle:a\",\"softbank:b\"]");
    }

    @Test
    void withoutTheLoadBalancersArnConfiguredEvenAWellSignedTokenIsRefused() throws Exception {
        AlbSignIn unbound = new AlbSignIn(AlbTokens.keyUrl(keyServer), "us-east-1", Optional.empty(), new HttpKeySource(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        function = new StatusPageFunction(page, unbound);

        assertRefused(token(albKey, KID, ALB_ARN, NOW.plusSeconds(60)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> unbound.verify(token(albKey, KID, ALB_ARN, NOW.plusSeconds(60))))
                .as("the refusal, logged for the operator, says what to set").isInstanceOf(AlbSignIn.Refused.class)
                .hasMessageContaining("status-page.oidc.alb-arn");
    }

    @Test
    void aBadSignatureIsRefusedWithNoData() throws Exception {
        assertRefused(token(ecKey(), KID, ALB_ARN, NOW.plusSeconds(60)));
    }

    @Test
    void aTokenFromAnotherLoadBalancerIsRefused() throws Exception {
        assertRefused(token(albKey, KID, ALB_ARN.replace("first-refusal", "someone-else"), NOW.plusSeconds(60)));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        assertRefused(token(albKey, KID, ALB_ARN, NOW.minusSeconds(600)));
    }

    @Test
    void aTokenWithoutKidOrWithAnUnknownKidIsRefused() throws Exception {
        assertRefused(token(albKey, null, ALB_ARN, NOW.plusSeconds(60)));
        assertRefused(token(albKey, "no-such-key", ALB_ARN, NOW.plusSeconds(60)));
    }

    @Test
    void noTokenOrGarbageIsRefused() throws Exception {
        assertRefused(null);
        assertRefused("not.a.jwt");
        assertRefused(token(albKey, KID, ALB_ARN, NOW.plusSeconds(60), "HS256"));
    }

    @Test
    void theFunctionUrlPathIsUnchangedAndSignsNobodyIn() throws Exception {
        JsonNode response = invoke("""
                {"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
                 "headers": {"accept": "text/html"},
                 "requestContext": {"http": {"method": "GET", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "1.2.3.4"}},
                 "isBase64Encoded": false}""");

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.has("statusDescription")).isFalse();
        assertThat(response.path("body").asText()).contains(offerId).doesNotContain("signed in as");
    }

    private void assertRefused(String oidcData) throws Exception {
        JsonNode response = invoke(albEvent("/api/outstanding", "", oidcData));
        assertThat(response.path("statusCode").asInt()).as("token %s", oidcData).isEqualTo(401);
        assertThat(response.path("statusDescription").asText()).isEqualTo("401 Unauthorized");
        assertThat(response.path("body").asText()).doesNotContain(offerId, "providers", "gpus");
    }

    private static JsonNode multiValued(JsonNode headers) {
        com.fasterxml.jackson.databind.node.ObjectNode multi = JSON.createObjectNode();
        headers.properties().forEach(e -> multi.putArray(e.getKey()).add(e.getValue().asText()));
        return multi;
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }
}
