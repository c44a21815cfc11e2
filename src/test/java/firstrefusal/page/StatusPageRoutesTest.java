package firstrefusal.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import firstrefusal.offer.Answer;
import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.HolderResponse;
import firstrefusal.offer.OfferDecisions;
import firstrefusal.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.TestPorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route of the status page (src/docs/contract.md, "Functions"), over HTTP from the dev/test server, against DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StatusPageRoutesTest {

    static final Instant AS_OF = Offers.RECEIVED.plus(Duration.ofDays(4));

    @Inject
    OfferDecisions decisions;

    String pending;
    String risky;
    String matched;

    @BeforeEach
    void someOffers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        pending = "page-pending-" + run;
        risky = "page-risky-" + run;
        matched = "page-matched-" + run;
        decisions.decide(Offers.offer(pending).provider("softbank").build());
        decisions.decide(Offers.offer(risky).provider("softbank").validUntil(Offers.DEADLINE.minus(Duration.ofDays(2))).build());
        decisions.decide(Offers.offer(matched).provider("coreweave").build());
        decisions.decide(new HolderResponse("r-" + matched, matched, "azure", Answer.MATCH, AS_OF));
    }

    @Test
    void theRootPageShowsOutstandingOffersByProviderWithTheChart() {
        page().get("/?asOf=" + AS_OF).then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("<section class=\"provider\" id=\"provider-softbank\">"))
                .body(containsString("<svg id=\"gpu-chart\""))
                .body(containsString(">" + pending + "</a>"))
                .body(containsString("10d 0h"))
                .body(containsString("title=\"Valid until 2025-02-02 15:00 UTC, before the deadline\">at risk</span>"));
    }

    @Test
    void recentDecisionsShowTheirRuleAndReason() {
        page().get("/").then().statusCode(200)
                .body(containsString("<code>HOLDER_MATCHED</code>"))
                .body(containsString("The holder matched revision 1 at 2025-01-25 15:00 UTC"))
                .body(containsString("the holder matched in time"));
    }

    @Test
    void theJsonTwinCarriesTheSameData() {
        page().get("/api/outstanding?asOf=" + AS_OF).then()
                .statusCode(200)
                .contentType("application/json")
                .body("asOf", equalTo(AS_OF.toString()))
                .body("providers.provider", hasItem("softbank"))
                .body("providers.find { it.provider == 'softbank' }.outstanding.find { it.offerId == '" + pending + "' }.secondsLeft",
                        equalTo(10 * 24 * 3600))
                .body("providers.find { it.provider == 'softbank' }.outstanding.find { it.offerId == '" + risky + "' }.atRisk",
                        equalTo(true))
                .body("providers.collectMany { it.outstanding }.offerId", not(hasItem(matched)));
    }

    @Test
    void oneProviderCanBeShownAlone() {
        page().get("/?provider=coreweave").then().statusCode(200)
                .body(not(containsString("id=\"provider-softbank\"")));
        page().get("/?provider=aws").then().statusCode(400).body(containsString("provider:"));
    }

    @Test
    void providerIdsAreMatchedWhateverTheirCaseAndAnUnknownOneListsTheValidOnes() {
        page().get("/?provider=SoftBank&asOf=" + AS_OF).then().statusCode(200)
                .body(containsString("id=\"provider-softbank\""))
                .body(containsString(pending));
        page().get("/?provider=aws").then().statusCode(400)
                .body(containsString("provider: &#39;aws&#39; is not a provider of the policy; one of azure (Microsoft Azure), "
                        + "coreweave (CoreWeave), google (Google Cloud), oracle (Oracle Cloud Infrastructure), softbank (SoftBank), "
                        + "stargate (Stargate)"));
    }

    @Test
    void recentDecisionsFollowTheProviderShown() {
        page().get("/?provider=softbank").then().statusCode(200)
                .body(containsString("offers/" + pending))
                .body(not(containsString("offers/" + matched)));
        page().accept("application/json").get("/?provider=coreweave").then().statusCode(200)
                .body("recentDecisions.provider", org.hamcrest.Matchers.everyItem(equalTo("coreweave")))
                .body("recentDecisions.offerId", hasItem(matched));
    }

    @Test
    void errorsUnderApiAreJsonWhateverWasAsked() {
        page().accept("text/html").get("/api/outstanding?asOf=soon").then().statusCode(400).contentType("application/json")
                .body("error", startsWith("asOf: must be an ISO-8601"));
        page().accept("text/html").get("/api/no-such-thing").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404));
        page().accept("text/html").get("/api/decisions?status=DONE").then().statusCode(400).contentType("application/json")
                .body("error", startsWith("status: 'DONE' is not one of"));
    }

    @Test
    void everyPendingOfferSaysWhatToDoAndByWhen() {
        page().get("/?asOf=" + AS_OF).then().statusCode(200)
                .body(containsString("Microsoft Azure must MATCH or DECLINE by 2025-02-04 15:00 UTC; otherwise SoftBank&#39;s offer is free to take."))
                .body(containsString("At risk: the offer itself is valid only until 2025-02-02 15:00 UTC, before that deadline."))
                .body(containsString("<span class=\"badge risk\">at risk</span> means the offer itself is valid only until"));
        page().get("/offers/" + pending + "?asOf=" + AS_OF).then().statusCode(200)
                .body(containsString("Microsoft Azure must MATCH or DECLINE by 2025-02-04 15:00 UTC"))
                .body(containsString("(10d 0h left)"))
                .body(containsString("awaiting the holder"));
        page().get("/offers/" + matched).then().statusCode(200)
                .body(containsString("Microsoft Azure takes this capacity on CoreWeave&#39;s terms."));
    }

    @Test
    void anOfferPageShowsEachRevisionsTermsBesideThePreviousOnes() {
        String revised = pending + "-revised";
        decisions.decide(Offers.offer(revised).provider("google").gpus(40_000).price("2.20").build());
        decisions.decide(Offers.offer(revised).provider("google").gpus(40_000).price("2.02").revision(2)
                .receivedAt(Offers.RECEIVED.plus(Duration.ofDays(1))).build());

        page().get("/offers/" + revised).then().statusCode(200)
                .body(containsString("<h2>Revisions</h2>"))
                .body(containsString("$2.20 → $2.02"))
                .body(containsString("40,000 → 40,000"))
                .body(containsString("better terms: first refusal again"));
    }

    @Test
    void anOfferPageShowsItsFullDecisionHistory() {
        page().get("/offers/" + matched).then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("<h1>" + matched + "</h1>"))
                .body(containsString("<code>FIRST_REFUSAL_REQUIRED</code>"))
                .body(containsString("<code>HOLDER_MATCHED</code>"));
        page().accept("application/json").get("/offers/" + matched).then()
                .statusCode(200)
                .contentType("application/json")
                .body("decision.status", equalTo("MATCHED_BY_HOLDER"))
                .body("history.rule", org.hamcrest.Matchers.contains("FIRST_REFUSAL_REQUIRED", "HOLDER_MATCHED"));
    }

    @Test
    void anUnknownOfferIsA404Page() {
        page().get("/offers/no-such-offer").then().statusCode(404).contentType("text/html")
                .body(containsString("Offer not found"));
        page().accept("application/json").get("/offers/no-such-offer").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404));
    }

    @Test
    void aBadAsOfIsA400NamingTheParameter() {
        page().get("/?asOf=yesterday").then().statusCode(400).body(containsString("asOf: must be an ISO-8601"));
        page().get("/api/outstanding?asOf=2025-13-01").then().statusCode(400);
    }

    @Test
    void valuesAreEscapedNotInterpreted() {
        String id = "page-xss-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new CapacityOffer(id, 1, "google", 1_000, null, "<script>alert(\"owned\")</script>",
                firstrefusal.offer.Workload.RESEARCH, java.time.LocalDate.parse("2025-06-01"), 12,
                new java.math.BigDecimal("2.00"), null, Offers.RECEIVED));

        page().get("/").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"))
                .body(not(containsString("<script>")));
        page().get("/offers/" + id).then().statusCode(200).body(not(containsString("<script>")));
    }

    @Test
    void pathTricksAreA404() {
        for (String path : new String[] {"/offers/..%2F..%2Fapi%2Foutstanding", "/offers/a/b", "/offers/",
                "/offers/%3Cscript%3E", "/../etc/passwd", "/api/outstanding/extra", "/offers/" + "x".repeat(300)}) {
            assertThat(rawStatusLine(path)).as(path).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void everyResponseCarriesARestrictiveContentSecurityPolicy() {
        for (String path : new String[] {"/", "/api/outstanding", "/offers/" + pending, "/missing", "/?asOf=bad"}) {
            page().get(path).then()
                    .header("Content-Security-Policy", startsWith("default-src 'none'; style-src 'sha256-"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
    }

    @Test
    void onlyReadsAreServed() {
        page().post("/").then().statusCode(405);
    }

    /** Sends the path byte for byte: HTTP clients refuse to send some of these tricks at all. */
    static String rawStatusLine(String path) {
        try (Socket socket = new Socket("localhost", TestPorts.page())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestSpecification page() {
        return given().port(TestPorts.page()).redirects().follow(false);
    }
}
