package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.answer.AnswerHeaders;
import firstrefusal.answer.AnswerLinks;
import firstrefusal.answer.Answering;
import firstrefusal.answer.Csrf;
import firstrefusal.answer.LinkKeys;
import firstrefusal.answer.LinkToken;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.KeptItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.operations.Metrics;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The holder's answer page, on DynamoDB Local through the page's routes: one offer per link, a confirming step before
 * anything is recorded, the answer recorded as a Holder Response {@code link-<jti>} stamped with the instant the request
 * reached the product, and every refusal (404, 410, 403, 409) recording nothing, each with the answer page's headers.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AnswerPageTest extends OnItsOwnTable {

    static final String KEY_1 = "bGluay1rZXktb25lLWZvci10aGUtYW5zd2VyLXBhZ2UtdGVzdHM=";
    static final String KEY_2 = "bGluay1rZXktdHdvLWZvci10aGUtYW5zd2VyLXBhZ2UtdGVzdHMh";
    private static final Instant NOW = Offers.RECEIVED.plus(Duration.ofDays(2));
    private static final String OFFER = "oracle-abilene-77";

    @Inject
    StatusPageConfig config;

    private LinkKeys keys;
    private PageRoutes page;

    @BeforeEach
    void pendingOfferAndItsLink() {
        table.decisions().decide(Offers.offer(OFFER).build());
        table.decisions().noticeSent(new Notice(OFFER, 1, Offers.RECEIVED));
        table.decisions().decide(Offers.offer("someone-else").provider("google").build());
        keys = LinkKeys.of(Map.of("k1", KEY_1), Optional.empty());
        page = routes(keys, NOW);
    }

    private PageRoutes routes(LinkKeys linkKeys, Instant now) {
        return new PageRoutes(table.store(), table.ledger(), table.proofs(), Deployments.only(Agreement.of(policy)),
                Clock.fixed(now, ZoneOffset.UTC), config, new Metrics(false), table.decisions(),
                new Answering(Optional.of(URI.create("https://answer.test")), Optional.of(linkKeys)));
    }

    /** The path of the link a notice of the offer's window carries, signed with {@code linkKeys}. */
    private String link(LinkKeys linkKeys) {
        OfferRecord record = table.store().load(OFFER).orElseThrow();
        Window window = record.state().window();
        String url = AnswerLinks.of(URI.create("https://answer.test"), new LinkToken(linkKeys))
                .url(OFFER, window, record.state().decision().firstRefusalDeadline()).orElseThrow();
        return url.substring("https://answer.test".length());
    }

    private PageResponse get(String path) {
        return checked(page.handle(new PageRequest("GET", path.contains("?") ? path.substring(0, path.indexOf('?')) : path,
                path.contains("?answer=") ? Map.of("answer", path.substring(path.indexOf("?answer=") + 8)) : Map.of(), "text/html")));
    }

    private PageResponse post(String path, String body) {
        return checked(page.handle(new PageRequest("POST", path, Map.of(), "text/html", null, body, false)));
    }

    /** Every answer under /answer/ carries the headers that keep the link where it is. */
    private static PageResponse checked(PageResponse response) {
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Referrer-Policy", "no-referrer");
        assertThat(response.headers().get("Content-Security-Policy")).contains("default-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("script-src");
        assertThat(response.headers()).isEqualTo(AnswerHeaders.withInlineStyle(Stylesheet.load().hash()));
        assertThat(response.body()).doesNotContain("<script");
        return response;
    }

    private String csrf(String path) {
        String jti = new LinkToken(keys).verify(path.substring("/answer/".length()), NOW) instanceof LinkToken.Valid v ? v.jti() : null;
        return new Csrf(keys).tokenFor(jti);
    }

    private int entries() {
        return table.store().load(OFFER).orElseThrow().history().size();
    }

    @Test
    void theLinkShowsItsOneOfferAndAsksForAConfirmationBeforeAnythingIsRecorded() {
        String link = link(keys);
        int before = entries();

        PageResponse asking = get(link);
        assertThat(asking.status()).isEqualTo(200);
        assertThat(asking.body()).contains(OFFER).contains("Oracle Cloud Infrastructure").contains("64,000")
                .contains("Match this offer").contains("Decline this offer").contains("left)")
                .doesNotContain("someone-else").doesNotContain("href=\"/decisions").doesNotContain("what-if");
        PageResponse confirming = get(link + "?answer=MATCH");
        assertThat(confirming.status()).isEqualTo(200);
        assertThat(confirming.body()).contains("name=\"csrf\" value=\"" + csrf(link) + "\"").contains("name=\"confirm\" value=\"yes\"")
                .contains("Confirm: match revision 1 of " + OFFER);
        assertThat(entries()).as("showing and confirming record nothing").isEqualTo(before);
    }

    @Test
    void aConfirmedMatchIsRecordedAsAHolderResponseStampedWithTheInstantItReachedTheProduct() {
        String link = link(keys);

        PageResponse answered = post(link, "answer=MATCH&csrf=" + csrf(link) + "&confirm=yes");

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body()).contains("Recorded at " + Formats.utc(NOW)).contains("MATCHED_BY_HOLDER");
        OfferRecord record = table.store().load(OFFER).orElseThrow();
        assertThat(record.state().decision().status()).isEqualTo(Status.MATCHED_BY_HOLDER);
        HolderResponse response = record.log().stream().map(KeptItem::item).filter(Delivery.class::isInstance)
                .map(i -> ((Delivery) i).message()).filter(HolderResponse.class::isInstance).map(HolderResponse.class::cast)
                .findFirst().orElseThrow();
        String jti = ((LinkToken.Valid) new LinkToken(keys).verify(link.substring(8), NOW)).jti();
        assertThat(response).isEqualTo(new HolderResponse("link-" + jti, OFFER, "azure", Answer.MATCH, NOW, 1));
    }

    @Test
    void theSameAnswerAgainShowsTheDecisionAndTheOtherAnswerIsRefusedNamingTheFirst() {
        String link = link(keys);
        post(link, "answer=MATCH&csrf=" + csrf(link) + "&confirm=yes");
        int after = entries();

        PageResponse again = post(link, "answer=MATCH&csrf=" + csrf(link) + "&confirm=yes");
        PageResponse other = post(link, "answer=DECLINE&csrf=" + csrf(link) + "&confirm=yes");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("Already answered: MATCH is on record");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).contains("Nothing was recorded").contains("MATCH");
        assertThat(entries()).isEqualTo(after);
    }

    @Test
    void aPostWithoutTheLinksCsrfTokenOrTheConfirmationIsForbiddenAndRecordsNothing() {
        String link = link(keys);
        int before = entries();
        String otherLinksToken = new Csrf(keys).tokenFor("another-link");

        assertThat(post(link, "answer=MATCH&confirm=yes").status()).isEqualTo(403);
        assertThat(post(link, "answer=MATCH&csrf=" + otherLinksToken + "&confirm=yes").status()).isEqualTo(403);
        assertThat(post(link, "answer=MATCH&csrf=" + csrf(link)).status()).isEqualTo(403);
        assertThat(post(link, "answer=MATCH&csrf=" + csrf(link) + "&confirm=no").status()).isEqualTo(403);
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void aLinkWhoseRevisionNoLongerOpensTheWindowRecordsNothingAndSaysTheTermsChanged() {
        String firstLink = link(keys);
        // A materially cheaper revision: a new window, a new notice with its own link.
        table.decisions().decide(Offers.offer(OFFER).revision(2).price("1.50").receivedAt(Offers.RECEIVED.plus(Duration.ofDays(1))).build());
        int before = entries();

        PageResponse shown = get(firstLink);
        PageResponse posted = post(firstLink, "answer=MATCH&csrf=" + csrf(firstLink) + "&confirm=yes");

        assertThat(shown.body()).contains("The terms changed: revision 2").doesNotContain("Match this offer");
        assertThat(posted.status()).isEqualTo(409);
        assertThat(posted.body()).contains("The terms changed: revision 2").contains("Nothing was recorded");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void aTokenThatDoesNotVerifyIsA404AndAnExpiredOneA410NeitherWithTheOffersData() {
        String link = link(keys);
        int before = entries();
        char last = link.charAt(link.length() - 2);
        String changedByte = link.substring(0, link.length() - 2) + (last == 'A' ? 'B' : 'A') + link.charAt(link.length() - 1);
        String otherKey = link(LinkKeys.of(Map.of("k1", KEY_2), Optional.empty()));
        for (String bad : new String[] {changedByte, otherKey, "/answer/not-a-token", "/answer/", "/answer/a.b.c"}) {
            PageResponse response = get(bad);
            assertThat(response.status()).as(bad).isEqualTo(404);
            assertThat(response.body()).doesNotContain(OFFER).doesNotContain("Oracle").doesNotContain("64,000");
        }
        Instant expiry = table.store().load(OFFER).orElseThrow().state().decision().firstRefusalDeadline().plus(Duration.ofMinutes(30));
        page = routes(keys, expiry);
        PageResponse expired = get(link);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This link expired at").doesNotContain(OFFER).doesNotContain("Oracle");
        assertThat(post(link, "answer=MATCH&csrf=" + csrf(link) + "&confirm=yes").status()).isEqualTo(410);
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void aLinkSignedWithTheOldKeyStillWorksAfterANewKeyIsAddedToSign() {
        String oldLink = link(keys);
        LinkKeys rotated = LinkKeys.of(Map.of("k1", KEY_1, "k2", KEY_2), Optional.of("k2"));
        page = routes(rotated, NOW);
        keys = rotated;

        assertThat(get(oldLink).status()).isEqualTo(200);
        String newLink = link(rotated);
        assertThat(newLink).isNotEqualTo(oldLink);
        assertThat(post(oldLink, "answer=DECLINE&csrf=" + csrf(oldLink) + "&confirm=yes").body()).contains("HOLDER_DECLINED");
    }
}
