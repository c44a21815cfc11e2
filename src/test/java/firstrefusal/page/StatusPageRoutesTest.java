package firstrefusal.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
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
    DecisionService decisions;

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
        // The holder told as each window opened, as notify records it: the deadlines stand.
        decisions.noticeSent(new Notice(pending, 1, Offers.RECEIVED));
        decisions.noticeSent(new Notice(risky, 1, Offers.RECEIVED));
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
                .body(containsString("The holder matched revision 1 at <span class=\"t\">2025-01-25 15:00 UTC</span>"))
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
                .body("error", equalTo("asOf: must be a date such as 2026-12-01 or a time such as 2026-12-01 15:00 UTC, was 'soon'"));
        page().accept("text/html").get("/api/no-such-thing").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404));
        page().accept("text/html").get("/api/decisions?status=DONE").then().statusCode(400).contentType("application/json")
                .body("error", startsWith("status: 'DONE' is not one of"));
    }

    @Test
    void everyPendingOfferSaysWhatToDoAndByWhen() {
        page().get("/?asOf=" + AS_OF).then().statusCode(200)
                .body(containsString("Microsoft Azure must MATCH or DECLINE by <span class=\"t\">2025-02-04 15:00 UTC</span>; "
                        + "otherwise SoftBank&#39;s offer is free to take."))
                .body(containsString("At risk: the offer itself is valid only until <span class=\"t\">2025-02-02 15:00 UTC</span>, "
                        + "before that deadline."))
                .body(containsString("<span class=\"badge risk\">at risk</span> means the offer itself is valid only until"));
        page().get("/offers/" + pending + "?asOf=" + AS_OF).then().statusCode(200)
                .body(containsString("Microsoft Azure must MATCH or DECLINE by <span class=\"t\">2025-02-04 15:00 UTC</span>"))
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
    void anEntryRecordedLaterThanItTakesEffectShowsBothOnThePageAndInTheJson() {
        // Decided as of 2025, recorded now: the page says both.
        String recorded = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        page().get("/offers/" + matched).then().statusCode(200)
                .body(containsString("<small>recorded " + recorded));
        page().accept("application/json").get("/offers/" + matched).then().statusCode(200)
                .body("history.decidedAt", org.hamcrest.Matchers.hasItem(AS_OF.toString()))
                .body("history.recordedAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith(recorded)))
                .body("withoutEffect", org.hamcrest.Matchers.empty());
    }

    @Test
    void aMessageKeptWithoutEffectIsListedOnTheOfferPageAndInItsJson() {
        String id = matched + "-then-withdrawn";
        Instant withdrawn = AS_OF.plus(Duration.ofDays(1));
        decisions.decide(Offers.offer(id).provider("coreweave").build());
        decisions.noticeSent(new Notice(id, 1, Offers.RECEIVED));
        // The withdrawal processed first, the holder's earlier match after it: the match corrects the withdrawal, which
        // stays on record without effect.
        decisions.decide(new firstrefusal.domain.offer.Withdrawal(id, withdrawn));
        decisions.decide(new HolderResponse("r-" + id, id, "azure", Answer.MATCH, AS_OF));

        page().accept("application/json").get("/offers/" + id).then().statusCode(200)
                .body("decision.rule", equalTo("HOLDER_MATCHED"))
                .body("history[2].corrects", equalTo(2))
                .body("withoutEffect.kind", org.hamcrest.Matchers.contains("withdrawal"))
                .body("withoutEffect.id", org.hamcrest.Matchers.contains("withdrawal:" + withdrawn))
                .body("withoutEffect.effectiveAt", org.hamcrest.Matchers.contains(withdrawn.toString()))
                .body("withoutEffect.reason[0]", containsString("MATCHED_BY_HOLDER"));
        page().get("/offers/" + id).then().statusCode(200)
                .body(containsString("withdrawal:" + withdrawn));
    }

    @Test
    void anUnknownOfferIsA404Page() {
        page().get("/offers/no-such-offer").then().statusCode(404).contentType("text/html")
                .body(containsString("Offer not found"));
        page().accept("application/json").get("/offers/no-such-offer").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404));
    }

    @Test
    void aBadAsOfIsA400NamingTheParameterAndEchoingWhatWasTyped() {
        page().get("/?asOf=yesterday").then().statusCode(400)
                .body(containsString("asOf: must be a date such as 2026-12-01 or a time such as 2026-12-01 15:00 UTC, was &#39;yesterday&#39;"));
        page().get("/api/outstanding?asOf=2025-13-01").then().statusCode(400).body("error", org.hamcrest.Matchers.endsWith("was '2025-13-01'"));
        page().get("/decisions?from=2026-02-01&to=2026-01-01").then().statusCode(400)
                .body(containsString("to: must not be before from (2026-02-01), was &#39;2026-01-01&#39;"));
    }

    @Test
    void asOfTakesThePagesOwnTimeFormatAndTheJsonGivesSecondsOnly() {
        page().queryParam("asOf", "2025-01-25 15:00 UTC").get("/api/outstanding").then().statusCode(200)
                .body("asOf", equalTo("2025-01-25T15:00:00Z"));
        page().get("/api/outstanding").then().statusCode(200)
                .body("asOf", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"));
    }

    @Test
    void aPastAsOfShowsWhatWasOutstandingThenFromTheRecord() {
        Instant beforeMatch = AS_OF.minus(Duration.ofHours(1));
        Instant afterMatch = AS_OF.plus(Duration.ofHours(1));

        page().get("/?asOf=" + beforeMatch).then().statusCode(200)
                .body(containsString("As the record shows it stood at <strong>2025-01-25 14:00 UTC</strong>"))
                .body(containsString(">" + matched + "</a>"));
        page().get("/api/outstanding?asOf=" + afterMatch).then().statusCode(200)
                .body("reconstructed", equalTo(true))
                .body("providers.collectMany { it.outstanding }.offerId", not(hasItem(matched)))
                .body("providers.collectMany { it.outstanding }.offerId", hasItem(pending))
                .body("recentDecisions.findAll { it.decidedAt > '" + afterMatch + "' }", org.hamcrest.Matchers.empty());
        page().get("/api/outstanding?asOf=" + beforeMatch).then().statusCode(200)
                .body("providers.collectMany { it.outstanding }.offerId", hasItem(matched));
    }

    @Test
    void pastAnOffersOwnValidityTheOfferIsShownExpiredNotAwaitingTheHolder() {
        Instant afterValidity = Offers.DEADLINE.minus(Duration.ofDays(2)).plus(Duration.ofHours(1));

        page().get("/api/outstanding?asOf=" + afterValidity).then().statusCode(200)
                .body("providers.collectMany { it.outstanding }.offerId", not(hasItem(risky)))
                .body("providers.collectMany { it.outstanding }.offerId", hasItem(pending));
        page().get("/offers/" + risky + "?asOf=" + afterValidity).then().statusCode(200)
                .body(containsString("As the record shows it stood at <strong>2025-02-02 16:00 UTC</strong>"))
                .body(containsString("<code>OFFER_EXPIRED</code>"))
                .body(containsString("offer expired at <span class=\"t\">2025-02-02 15:00 UTC</span>, the end of its own validity"))
                .body(not(containsString("must MATCH or DECLINE")));
    }

    @Test
    void pricesAndMegawattsKeepTheirTrailingZerosInJsonAndCsv() {
        String exact = "page-exact-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new CapacityOffer(exact, 1, "oracle", 1_000, new java.math.BigDecimal("200.50"), "us-tx-abilene",
                firstrefusal.domain.offer.Workload.TRAINING, java.time.LocalDate.parse("2025-06-01"), 12, new java.math.BigDecimal("2.10"),
                null, Offers.RECEIVED));

        assertThat(page().get("/api/outstanding").asString()).contains("\"offerId\":\"" + exact + "\"")
                .containsPattern("\"offerId\":\"" + exact + "\"[^}]*\"megawatts\":200.50[^}]*\"pricePerGpuHourUsd\":2.10");
        assertThat(page().get("/api/decisions?provider=oracle").asString())
                .containsPattern("\"offerId\":\"" + exact + "\"[^{]*\"offer\":\\{[^}]*\"megawatts\":200.50[^}]*\"pricePerGpuHourUsd\":2.10");
        assertThat(page().get("/decisions.csv?provider=oracle").asString()).containsPattern(exact + ",.*,200.50,us-tx-abilene,.*,2.10,");
        page().get("/offers/" + exact).then().statusCode(200).body(containsString("$2.10 per GPU-hour")).body(containsString(">200.50<"));
    }

    @Test
    void valuesAreEscapedNotInterpreted() {
        String id = "page-xss-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new CapacityOffer(id, 1, "google", 1_000, null, "<script>alert(\"owned\")</script>",
                firstrefusal.domain.offer.Workload.RESEARCH, java.time.LocalDate.parse("2025-06-01"), 12,
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
