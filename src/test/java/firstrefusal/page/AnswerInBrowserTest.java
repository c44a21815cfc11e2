package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.answer.AnswerLinks;
import firstrefusal.answer.Answering;
import firstrefusal.answer.LinkKeys;
import firstrefusal.answer.LinkToken;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.operations.Metrics;
import firstrefusal.support.Browser;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import firstrefusal.support.PageOverHttp;
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
import org.junit.jupiter.api.Test;

/**
 * A person at the holder walks an answer link in Chromium: opens it, chooses to match, confirms, and sees the offer
 * matched; the status page then shows it among the decisions and no longer outstanding. The page passes the same
 * accessibility audit as the rest of the product, and runs no script.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AnswerInBrowserTest extends OnItsOwnTable {

    private static final Instant NOW = Offers.RECEIVED.plus(Duration.ofDays(3));
    private static final String OFFER = "oracle-abilene-5";

    @Inject
    StatusPageConfig config;

    @Override
    protected FreshTable newTable() {
        return FreshTable.create(client, policy, "answer-browser");
    }

    @Test
    void aPersonOpensTheLinkConfirmsAMatchAndSeesTheOfferMatched() throws Exception {
        table.decisions().decide(Offers.offer(OFFER).build());
        table.decisions().noticeSent(new Notice(OFFER, 1, Offers.RECEIVED));
        LinkKeys keys = LinkKeys.of(Map.of("k1", AnswerPageTest.KEY_1), Optional.empty());
        PageRoutes routes = new PageRoutes(table.store(), table.ledger(), table.proofs(), Deployments.only(Agreement.of(policy)),
                Clock.fixed(NOW, ZoneOffset.UTC), config, new Metrics(false), table.decisions(),
                new Answering(Optional.of(URI.create("https://answer.test")), Optional.of(keys)));
        OfferRecord record = table.store().load(OFFER).orElseThrow();
        String link = AnswerLinks.of(URI.create("https://answer.test"), new LinkToken(keys))
                .url(OFFER, record.state().window(), record.state().decision().firstRefusalDeadline()).orElseThrow()
                .substring("https://answer.test".length());

        try (PageOverHttp http = new PageOverHttp(routes); Browser chromium = Browser.launch()) {
            Browser.Page page = chromium.open(http.url(link), 1000, 900);
            assertThat(page.text()).contains("Oracle Cloud Infrastructure offers 64,000 GPUs").contains("Match this offer");
            assertThat(page.audit().violations()).as("axe-core on the answer page").isEmpty();
            assertThat(page.number("document.scripts.length")).isZero();

            page.click("#choose-match");
            assertThat(page.text()).contains("Match: confirm to record it.").contains("Confirm: match revision 1 of " + OFFER);
            assertThat(table.store().load(OFFER).orElseThrow().state().decision().status().name())
                    .as("nothing recorded before the confirmation").isEqualTo("PENDING_FIRST_REFUSAL");
            page.click("#confirm");

            assertThat(page.text()).contains("Recorded at 2025-01-24 15:00 UTC").contains("matched: the holder takes it")
                    .contains("MATCHED_BY_HOLDER");
            assertThat(page.audit().violations()).isEmpty();
            Browser.Page status = chromium.open(http.url("/"), 1280, 900);
            assertThat(status.texts("#outstanding td.id")).as("no longer outstanding").doesNotContain(OFFER);
            Browser.Page offer = chromium.open(http.url("/offers/" + OFFER), 1280, 900);
            assertThat(offer.text()).contains("MATCHED_BY_HOLDER").contains("HOLDER_MATCHED");
        }
    }
}
