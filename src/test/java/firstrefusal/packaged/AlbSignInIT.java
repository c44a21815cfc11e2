package firstrefusal.packaged;

import static firstrefusal.packaged.AwsEvents.offer;
import static firstrefusal.support.AlbTokens.ALB_ARN;
import static firstrefusal.support.AlbTokens.KID;
import static firstrefusal.support.AlbTokens.albEvent;
import static firstrefusal.support.AlbTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import firstrefusal.support.AlbTokens;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The status page behind an Application Load Balancer with OIDC sign-in, through the packaged zip: ALB target-group
 * events carrying {@code x-amzn-oidc-data} signed as the load balancer signs it (ES256), the public key fetched by key id
 * from a local key server as from the ALB's regional key URL, the signature checked by Nimbus JOSE+JWT. On the native
 * bootstrap this is the one run of that library, the JDK's EC key factory and signature, and the JDK's HTTP client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlbSignInIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private PackagedStack stack;
    private HttpServer keyServer;
    private KeyPair albKey;

    @BeforeAll
    void aLoadBalancerInFrontOfThePage() {
        albKey = AlbTokens.ecKey();
        keyServer = AlbTokens.keyServer(albKey);
        keyServer.start();
        stack = new PackagedStack("alb-sign-in");
        stack.redeploy(Map.of("STATUS_PAGE_OIDC_KEY_URL", AlbTokens.keyUrl(keyServer), "STATUS_PAGE_OIDC_ALB_ARN", ALB_ARN));
        stack.decideOk(offer("alb-oracle-1", "oracle", NOW.minus(Duration.ofDays(1)), 12_000));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        keyServer.stop(0);
    }

    @Test
    void aTokenSignedByTheLoadBalancerShowsThePageAndWhoIsSignedIn() {
        JsonNode response = invoke(albEvent("/", "", token(albKey, KID, ALB_ARN, NOW.plus(Duration.ofMinutes(5)))));

        assertThat(response.path("statusCode").asInt()).as("%s", response).isEqualTo(200);
        assertThat(response.path("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(response.path("body").asText()).contains("signed in as <strong id=\"signed-in\">lead@example.com</strong>",
                "alb-oracle-1");
    }

    @Test
    void aBadSignatureAnotherLoadBalancerOrAnUnknownKeyIsRefusedWithNoData() {
        Instant expires = NOW.plus(Duration.ofMinutes(5));
        for (String refused : new String[] {token(AlbTokens.ecKey(), KID, ALB_ARN, expires),
                token(albKey, KID, ALB_ARN.replace("first-refusal", "someone-else"), expires),
                token(albKey, "no-such-key", ALB_ARN, expires), "not.a.jwt"}) {
            JsonNode response = invoke(albEvent("/api/outstanding", "", refused));
            assertThat(response.path("statusCode").asInt()).as("token %s: %s", refused, response).isEqualTo(401);
            assertThat(response.path("body").asText()).doesNotContain("alb-oracle-1", "providers");
        }
    }

    private JsonNode invoke(String event) {
        LocalRuntimeApi.Answer answer = stack.function("status-page").invoke(event);
        assertThat(answer.isError()).as("invocation error: %s", answer.body()).isFalse();
        return PackagedStack.json(answer.body());
    }
}
