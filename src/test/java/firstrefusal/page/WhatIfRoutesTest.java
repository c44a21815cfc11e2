package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code /what-if} and {@code /api/what-if} on a table of their own: offers decided through the real service (so
 * their messages are kept), replayed under drafts; bad drafts refused naming the key; everything escaped.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfRoutesTest extends OnPageStories {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant R = Offers.RECEIVED;
    private static final Instant AS_OF = R.plus(Duration.ofDays(90));

    FreshTable table;
    PageRoutes page;

    @BeforeAll
    void aRecord() {
        table = FreshTable.create(client, policy, "what-if");
        page = new PageRoutes(table.store(), table.ledger(), table.proofs(), firstrefusal.domain.policy.Agreement.of(policy), Clock.fixed(AS_OF, ZoneOffset.UTC),
                config);
        // Matched ten days in: in time under 14 days, late under 7.
        table.decisions().decide(Offers.offer("late-under-p7d").gpus(64_000).build());
        table.decisions().decide(Offers.match("late-under-p7d", R.plus(Duration.ofDays(10))));
        // Matched on day two: in time either way.
        table.decisions().decide(Offers.offer("early-match").provider("softbank").gpus(40_000).receivedAt(R.plus(Duration.ofDays(1))).build());
        table.decisions().decide(Offers.match("early-match", R.plus(Duration.ofDays(3))));
        // Received a month later, left to lapse.
        table.decisions().decide(Offers.offer("later-offer").provider("google").gpus(30_000).receivedAt(R.plus(Duration.ofDays(30))).build());
        // History from before messages were kept: its message attributes removed, as such items were written.
        table.decisions().decide(Offers.offer("from-before").provider("coreweave").receivedAt(R.plus(Duration.ofDays(2))).build());
        client.updateItem(b -> b.tableName(table.name())
                .key(Map.of("pk", AttributeValue.fromS("OFFER#from-before"), "sk", AttributeValue.fromS("HISTORY#0000000001")))
                .updateExpression("REMOVE message"));
    }

    @AfterAll
    void dropTable() {
        table.drop();
    }

    @Test
    void theJsonAnswerHasTheShapeOfTheContract() {
        JsonNode answer = api(Map.of("first-refusal-window", "P7D"));

        assertThat(answer.path("asOf").asText()).isEqualTo(AS_OF.toString());
        assertThat(answer.path("draft")).isEqualTo(JSON.createObjectNode().put("first-refusal-window", "P7D"));
        assertThat(answer.path("offers").asInt()).isEqualTo(4);
        assertThat(answer.path("changed").asInt()).isEqualTo(1);
        assertThat(answer.path("notReplayable").asInt()).isEqualTo(1);
        assertThat(answer.path("changes")).hasSize(1);
        JsonNode change = answer.path("changes").get(0);
        assertThat(change.path("offerId").asText()).isEqualTo("late-under-p7d");
        assertThat(change.path("provider").asText()).isEqualTo("oracle");
        assertThat(change.path("gpus").asLong()).isEqualTo(64_000);
        assertThat(change.path("recorded")).isEqualTo(json("""
                {"status": "MATCHED_BY_HOLDER", "rule": "HOLDER_MATCHED", "decidedAt": "2025-01-31T15:00:00Z"}"""));
        assertThat(change.path("draft")).isEqualTo(json("""
                {"status": "APPROVED", "rule": "FIRST_REFUSAL_LAPSED", "decidedAt": "2025-01-28T15:00:00Z"}"""));
        assertThat(answer.path("byTransition")).isEqualTo(json("""
                [{"from": "MATCHED_BY_HOLDER", "to": "APPROVED", "offers": 1, "gpus": 64000}]"""));
    }

    @Test
    void withNoTermChangedTheRecordReplaysAsDecided() {
        JsonNode answer = api(Map.of());

        assertThat(answer.path("changed").asInt()).isZero();
        assertThat(answer.path("offers").asInt()).isEqualTo(4);
    }

    @Test
    void theRangeSelectsOffersByFirstReceiptThroughTheIndex() {
        DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(
                () -> assertThat(api(Map.of("from", "2025-01-01", "to", "2025-01-22")).path("offers").asInt()).isEqualTo(2));

        assertThat(usage.requests()).as("one query, no scan").isEqualTo(Map.of("Query", 1L));
        assertThat(usage.itemsRead()).as("the state and history items of the two offers received in range, nothing else")
                .isEqualTo(6);
        assertThat(api(Map.of("from", "2025-02-01")).path("offers").asInt()).isEqualTo(1);
    }

    @Test
    void theHtmlPageSaysItInWordsWithTheRulesAndDatesThatChanged() {
        PageResponse response = get("/what-if", Map.of("first-refusal-window", "7 days", "exception", "google:later-offer"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<strong>2</strong> of 4 offers would have been decided differently.",
                "1 could not be replayed: they were recorded before messages were kept.",
                "<strong>late-under-p7d, 64,000 GPUs</strong>: matched: the holder takes it (the holder matched in time, "
                        + "2025-01-31 15:00 UTC) → approved: may be taken (the holder let the window lapse, 2025-01-28 15:00 UTC)",
                "<strong>later-offer, 30,000 GPUs</strong>: approved: may be taken (the holder let the window lapse,",
                "→ approved: may be taken (a pre-approved exception,",
                "The holder would have matched <strong>64,000</strong> GPUs fewer than it did.",
                "href=\"offers/late-under-p7d\"", "value=\"7 days\"", "value=\"google:later-offer\"",
                "The holder&#39;s window <input name=\"first-refusal-window\"", "placeholder=\"14 days\"");
        assertThat(response.body()).as("the form speaks in words, the keys stay in the URL")
                .doesNotContain(">material-change.capacity-increase-percent <input").doesNotContain("type=\"date\"");
        assertThat(api(Map.of("first-refusal-window", "7 days")).path("changed").asInt())
                .as("days in words are the same draft as P7D").isEqualTo(api(Map.of("first-refusal-window", "P7D")).path("changed").asInt());
    }

    @Test
    void theShippedRevisionTakingEffectEarlierSaysWhomTheHolderWouldNotHaveBeenAskedAbout() {
        Map<String, String> query = Map.of("amendment", "2025-10-28", "amendment-effective-from", "2025-01-01");
        JsonNode answer = api(query);

        assertThat(answer.path("draft").path("amendment").asText()).isEqualTo("2025-10-28");
        assertThat(answer.path("draft").path("amendment-effective-from").asText()).isEqualTo("2025-01-01T00:00:00Z");
        long notAsked = 0;
        for (JsonNode change : answer.path("changes")) {
            notAsked += change.path("draft").path("rule").asText().equals("NO_FIRST_REFUSAL") ? 1 : 0;
        }
        assertThat(notAsked).as("the matched offer, among others, would have needed no first refusal").isPositive();
        assertThat(answer.path("changes").findValuesAsText("offerId")).contains("late-under-p7d");
        assertThat(get("/what-if", query).body()).contains("Had version <strong>2025-10-28</strong> taken effect on 2025-01-01 00:00 UTC,"
                + " the holder would no longer have been asked about <strong>" + notAsked + "</strong> offer");
        assertThat(api(Map.of("amendment", "2025-10-28")).path("changed").asInt()).as("at its own instant, after this record")
                .isZero();
    }

    @Test
    void aDraftKeyWithAnAmendmentChangesTheTermInTheBaseAndTheAmendmentTakesEffectAtItsInstant() {
        JsonNode answer = api(Map.of("first-refusal-window", "P7D", "amendment", "2025-10-28",
                "amendment-effective-from", "2025-02-01"));

        assertThat(answer.path("draft").path("first-refusal-window").asText()).isEqualTo("P7D");
        assertThat(answer.path("draft").path("amendment").asText()).isEqualTo("2025-10-28");
        Map<String, String> draftRules = new java.util.TreeMap<>();
        answer.path("changes").forEach(c -> draftRules.put(c.path("offerId").asText(), c.path("draft").path("rule").asText()));
        assertThat(draftRules).as("the 7-day window in the base lapses the match made ten days in; the amendment, in force from"
                + " February, gives a later offer no first refusal")
                .containsEntry("late-under-p7d", "FIRST_REFUSAL_LAPSED").containsEntry("later-offer", "NO_FIRST_REFUSAL");
    }

    @Test
    void anUnknownAmendmentOrAnInstantWithoutOneIsRefusedNamingIt() {
        assertRefused(Map.of("amendment", "2099-01-01"), "amendment: '2099-01-01' is not an amendment");
        assertRefused(Map.of("amendment-effective-from", "2025-01-01"), "amendment-effective-from: needs amendment=");
        assertRefused(Map.of("amendment", "2025-10-28", "amendment-effective-from", "soon"), "amendment-effective-from: must be a date");
    }

    @Test
    void aBadKeyValueOrAsOfIsRefusedNamingIt() {
        assertRefused(Map.of("window", "P7D"), "window: is not a term a draft may change");
        assertRefused(Map.of("first-refusal-window", "a week"),
                "first-refusal-window: must be a length of time such as 7 days, 36 hours or 1 day 12 hours, was 'a week'");
        assertRefused(Map.of("first-refusal-window", "-P7D"), "first-refusal-window: must be longer than no time, was '-P7D'");
        assertRefused(Map.of("first-refusal-window", "0 days"), "first-refusal-window: must be longer than no time, was '0 days'");
        assertRefused(Map.of("material-change.price-drop-percent", "lots"), "material-change.price-drop-percent: must be a number");
        assertRefused(Map.of("exception", "nobody:x"), "exception: 'nobody' is not one of the providers");
        assertRefused(Map.of("asOf", "tomorrow"), "asOf: must be a date such as 2026-12-01 or a time such as 2026-12-01 15:00 UTC, was 'tomorrow'");
        assertRefused(Map.of("from", "last week"), "from: must be a date such as 2026-12-01");
        assertRefused(Map.of("agi-declared-at", "2026-11-31"), "agi-declared-at: must be a date such as 2026-12-01");
    }

    @Test
    void everythingThePageEchoesIsEscaped() {
        String hostile = "oracle:\"><script>alert(1)</script>";
        PageResponse shown = get("/what-if", Map.of("exception", hostile));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        PageResponse refused = get("/what-if", Map.of("term-ends", "<img src=x onerror=alert(1)>"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("<img src=x").contains("term-ends: must be a date");
        PageResponse unknownKey = get("/what-if", Map.of("<b>k</b>", "1"));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.body()).doesNotContain("<b>k</b>").contains("&lt;b&gt;k&lt;/b&gt;");
    }

    private void assertRefused(Map<String, String> query, String error) {
        PageResponse api = get("/api/what-if", query);
        assertThat(api.status()).as("%s", query).isEqualTo(400);
        assertThat(json(api.body()).path("error").asText()).startsWith(error);
        assertThat(get("/what-if", query).status()).isEqualTo(400);
    }

    private JsonNode api(Map<String, String> query) {
        PageResponse response = get("/api/what-if", query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private PageResponse get(String path, Map<String, String> query) {
        return page.handle(new PageRequest("GET", path, query, "text/html"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
