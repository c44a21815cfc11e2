package firstrefusal.packaged;

import static firstrefusal.packaged.AwsEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.answer.Csrf;
import firstrefusal.answer.LinkKeys;
import firstrefusal.answer.LinkToken;
import firstrefusal.dev.LocalEventBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The holder's answer links through the packaged zip (decide, notify and status-page on DynamoDB Local and the local
 * bus): notify puts the link in each notice; the status page answers it, and refuses a changed, foreign, malformed or
 * expired token, a post without the link's CSRF token or the confirmation, and a link whose revision no longer opens the
 * window, none of them writing anything; the same answer again shows the decision, the other is refused; a link signed
 * with the old key works after a new key signs; every answer carries the answer page's headers; and through the public
 * answer alias nothing but /answer/ is served.
 */
class AnswerLinkIT {

    private static final String KEY_1 = "bGluay1rZXktb25lLWZvci10aGUtYW5zd2VyLXBhZ2UtdGVzdHM=";
    private static final String KEY_2 = "bGluay1rZXktdHdvLWZvci10aGUtYW5zd2VyLXBhZ2UtdGVzdHMh";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private PackagedStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private Map<String, String> keys(String signing, String... kids) {
        Map<String, String> settings = new HashMap<>(Map.of("ANSWER_BASE_URL", "https://answer.example"));
        for (String kid : kids) {
            settings.put("ANSWER_LINK_KEYS_" + kid.toUpperCase(), kid.equals("k1") ? KEY_1 : KEY_2);
        }
        settings.put("ANSWER_SIGNING_KEY_ID", signing);
        return settings;
    }

    @Test
    void theLinkInEachNoticeAnswersOnceAndRefusesEverythingElseWithoutWriting() {
        stack = new PackagedStack("answer-links");
        stack.redeploy(keys("k1", "k1"));
        stack.decideOk(offer("al-1", "oracle", NOW, 10_000));
        stack.decideOk(offer("al-2", "google", NOW.minus(Duration.ofHours(1)), 8_000));
        stack.pumpNotify();
        String link = answerUrl("al-1#1");
        String token = link.substring("https://answer.example/answer/".length());
        assertThat(link).startsWith("https://answer.example/answer/");

        JsonNode page = get("/answer/" + token);
        assertThat(page.path("statusCode").asInt()).isEqualTo(200);
        assertThat(page.path("body").asText()).contains("al-1").contains("Match this offer").doesNotContain("al-2");

        // Tokens that do not verify: 404, no offer data.
        LinkKeys k1 = LinkKeys.of(Map.of("k1", KEY_1), Optional.empty());
        String otherKey = new LinkToken(LinkKeys.of(Map.of("k1", KEY_2), Optional.empty())).sign("al-1", 1, NOW, NOW.plus(Duration.ofDays(14)), Duration.ofMinutes(10));
        String changed = token.substring(0, token.length() - 3) + (token.charAt(token.length() - 3) == 'x' ? 'y' : 'x') + token.substring(token.length() - 2);
        for (String bad : new String[] {changed, otherKey, "not.a.token", "%%%"}) {
            JsonNode refused = get("/answer/" + bad);
            assertThat(refused.path("statusCode").asInt()).as(bad).isEqualTo(404);
            assertThat(refused.path("body").asText()).doesNotContain("al-1").doesNotContain("Oracle").doesNotContain("10,000");
        }
        // Expired: signed with the right key, its deadline long past.
        String expired = new LinkToken(k1).sign("al-1", 1, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(16)), Duration.ofMinutes(10));
        JsonNode gone = get("/answer/" + expired);
        assertThat(gone.path("statusCode").asInt()).isEqualTo(410);
        assertThat(gone.path("body").asText()).contains("This link expired at").doesNotContain("Oracle");

        // Posts without the link's csrf, or without the confirmation: 403, nothing written.
        String jti = ((LinkToken.Valid) new LinkToken(k1).verify(token, NOW)).jti();
        String csrf = new Csrf(k1).tokenFor(jti);
        assertThat(post(token, "answer=MATCH&confirm=yes").path("statusCode").asInt()).isEqualTo(403);
        assertThat(post(token, "answer=MATCH&csrf=" + csrf).path("statusCode").asInt()).isEqualTo(403);
        assertThat(decision("al-1").path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");

        // The answer, recorded as a Holder Response stamped on arrival; the same again; the other refused.
        JsonNode matched = post(token, "answer=MATCH&csrf=" + csrf + "&confirm=yes");
        assertThat(matched.path("statusCode").asInt()).isEqualTo(200);
        assertThat(matched.path("body").asText()).contains("MATCHED_BY_HOLDER");
        assertThat(decision("al-1").path("status").asText()).isEqualTo("MATCHED_BY_HOLDER");
        int history = stack.pageJson("/offers/al-1").path("history").size();
        assertThat(post(token, "answer=MATCH&csrf=" + csrf + "&confirm=yes").path("body").asText()).contains("Already answered");
        JsonNode other = post(token, "answer=DECLINE&csrf=" + csrf + "&confirm=yes");
        assertThat(other.path("statusCode").asInt()).isEqualTo(409);
        assertThat(other.path("body").asText()).contains("MATCH");
        assertThat(stack.pageJson("/offers/al-1").path("history").size()).isEqualTo(history);

        // A link of revision 1 after a material revision 2 records nothing.
        String firstLink = answerUrl("al-2#1").substring("https://answer.example/answer/".length());
        stack.decideOk(offer("al-2", "google", NOW.minus(Duration.ofMinutes(30)), 8_000).replace("\"offerId\"", "\"revision\": 2, \"offerId\"")
                .replace("2.35", "1.90"));
        String csrf2 = new Csrf(k1).tokenFor(((LinkToken.Valid) new LinkToken(k1).verify(firstLink, NOW)).jti());
        JsonNode stale = post(firstLink, "answer=MATCH&csrf=" + csrf2 + "&confirm=yes");
        assertThat(stale.path("statusCode").asInt()).isEqualTo(409);
        assertThat(stale.path("body").asText()).contains("The terms changed: revision 2");
        assertThat(decision("al-2").path("status").asText()).isEqualTo("PENDING_FIRST_REFUSAL");

        // Through the public answer alias: the answer page, and nothing else of the page.
        assertThat(throughAnswerAlias("/answer/" + token).path("statusCode").asInt()).isEqualTo(200);
        JsonNode elsewhere = throughAnswerAlias("/");
        assertThat(elsewhere.path("statusCode").asInt()).isEqualTo(404);
        assertThat(elsewhere.path("body").asText()).doesNotContain("al-1").doesNotContain("al-2");
    }

    @Test
    void aLinkSignedWithTheOldKeyStillAnswersAfterANewKeySigns() {
        stack = new PackagedStack("answer-rotation");
        stack.redeploy(keys("k1", "k1"));
        stack.decideOk(offer("ar-1", "oracle", NOW, 10_000));
        stack.pumpNotify();
        String oldToken = answerUrl("ar-1#1").substring("https://answer.example/answer/".length());
        assertThat(kid(oldToken)).isEqualTo("k1");

        stack.redeploy(keys("k2", "k1", "k2"));
        stack.decideOk(offer("ar-2", "oracle", NOW, 10_000));
        stack.pumpNotify();

        assertThat(kid(answerUrl("ar-2#1").substring("https://answer.example/answer/".length()))).as("the new key signs").isEqualTo("k2");
        JsonNode old = get("/answer/" + oldToken);
        assertThat(old.path("statusCode").asInt()).as("the old key still verifies").isEqualTo(200);
        assertThat(old.path("body").asText()).contains("ar-1");
    }

    private String answerUrl(String eventId) {
        LocalEventBus.Entry notice = stack.bus.received().stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElseThrow();
        assertThat(notice.detailType()).isEqualTo("First Refusal Requested");
        return notice.detail().path("answerUrl").asText();
    }

    private static String kid(String token) {
        return PackagedStack.json(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8)).path("kid").asText();
    }

    private JsonNode decision(String offerId) {
        return stack.pageJson("/offers/" + offerId).path("decision");
    }

    private JsonNode get(String path) {
        return checked(stack.page(path, "text/html"));
    }

    private JsonNode post(String token, String form) {
        LocalRuntimeApi.Answer answer = stack.function("status-page").invoke(AwsEvents.functionUrlPost("/answer/" + token, form));
        assertThat(answer.isError()).as(answer.body()).isFalse();
        return checked(PackagedStack.json(answer.body()));
    }

    private JsonNode throughAnswerAlias(String path) {
        LocalRuntimeApi.Answer answer = stack.function("status-page").invoke(AwsEvents.functionUrlGet(path, "text/html"), "answer");
        assertThat(answer.isError()).as(answer.body()).isFalse();
        return PackagedStack.json(answer.body());
    }

    /** Every answer under /answer/ keeps the link to itself: not cached, not sent on as a Referer, not framed, no script. */
    private static JsonNode checked(JsonNode response) {
        JsonNode headers = response.path("headers");
        assertThat(headers.path("Cache-Control").asText()).isEqualTo("no-store");
        assertThat(headers.path("Referrer-Policy").asText()).isEqualTo("no-referrer");
        assertThat(headers.path("Content-Security-Policy").asText()).contains("default-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("script-src");
        return response;
    }
}
