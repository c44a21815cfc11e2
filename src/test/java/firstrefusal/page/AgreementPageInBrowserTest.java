package firstrefusal.page;

import static firstrefusal.page.StatusPageInBrowserTest.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.support.Browser;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /agreement} and the status page in a real headless Chromium, under the base agreement and with the shipped
 * 2025-10-28 revision: every version's terms in words, the base's too; what the revision changes; the version in force
 * in the header; decisions per version; the commitment's progress bar; and a status page whose every sentence follows the
 * version in force. The figures are kept as notify keeps them, from each recorded entry. Screenshot:
 * target/agreement-page.png (or {@code -Dscreenshots.dir=src/docs}).
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AgreementPageInBrowserTest extends InBrowser {

    Served revised;

    @BeforeAll
    void theRevisionOnARecordAcrossIt() {
        revised = Served.of(revised());
    }

    @AfterAll
    void dropIt() {
        revised.close();
    }

    @Test
    void headlessChromiumShowsTheVersionsWhatEachChangesAndTheCommitmentsProgress() throws Exception {
        Browser.Page tab = chromium.open(revised.url("/agreement"), 1280, 900);

        assertThat(tab.string("document.getElementById('version-in-force').textContent")).isEqualTo("2025-10-28");
        assertThat(tab.texts("#versions td:first-child strong")).containsExactly("2025-01-21", "2025-10-28");
        assertThat(tab.texts("#versions ul.changes li")).contains(
                "The holder's right of first refusal on new capacity ends.",
                "Offers awaiting the holder when it takes effect are released: the buyer may take them.",
                "API work for us-national-security may run on any cloud; other API work stays with the holder.",
                "The terms run through 2032-12-31.",
                "The buyer commits to $250,000,000,000.00 of Microsoft Azure from 2025-10-28.");
        assertThat(tab.texts("#versions td.num")).as("decisions per version: two before, two after").containsExactly("2", "2");
        assertThat(tab.string("document.querySelector('.commitment p').textContent").replaceAll("\\s+", " "))
                .as("200,000 GPUs × $2.40 × 730 h × 36 months")
                .contains("$12,614,400,000.00 contracted of $250,000,000,000.00 (5.05 %)");
        assertThat(tab.number("document.querySelectorAll('svg.bar').length")).isEqualTo(1);
        assertThat(tab.texts("#terms-2025-10-28 li")).as("the revision's terms as a whole, not only its changes").contains(
                "Microsoft Azure, the holder, has no right of first refusal on new capacity: the buyer may take any offer that is"
                        + " not API work without asking it.",
                "API work stays with the holder: no other cloud and no self-built site may serve it, except API work for"
                        + " us-national-security, which may run on any cloud.",
                "The terms apply to capacity that starts on or before 2032-12-31, unless AGI is declared first.");
        screenshot(chromium, revised.url("/agreement"), "agreement-page.png");
    }

    @Test
    void theBaseAgreementsTermsAreInWordsWithTheDeploymentsOnRecord() throws Exception {
        try (Served base = Served.of(demo())) {
            Browser.Page tab = chromium.open(base.url("/agreement"), 1280, 900);

            assertThat(tab.texts("#terms-2025-01-21 h3")).singleElement().asString().startsWith("2025-01-21, the base agreement");
            assertThat(tab.texts("#terms-2025-01-21 li")).containsExactly(
                    "Microsoft Azure, the holder, has a right of first refusal on new capacity: before the buyer takes an offer from"
                            + " a third party, or self-built capacity for anything but research or training, the holder may match"
                            + " it within 14 days of being told.",
                    "A revision of an offer counts as better terms, and opens first refusal again, when it is at least 5 % cheaper"
                            + " per GPU-hour or has at least 10 % more GPUs.",
                    "Self-built research and training capacity is carved out: it needs no first refusal.",
                    "API work stays with the holder: no other cloud and no self-built site may serve it.",
                    "The terms apply to capacity that starts on or before 2030-12-31, unless AGI is declared first.",
                    "The holder: Microsoft Azure (azure).",
                    "Third parties: CoreWeave (coreweave), Google Cloud (google), Oracle Cloud Infrastructure (oracle), SoftBank (softbank).",
                    "Self-built: Stargate (stargate).",
                    "Pre-approved by the holder, exception oracle-2024-06: Oracle Cloud Infrastructure's offer oci-openai-2024-06.",
                    "No holder account is set: the holder's answers are not checked against an AWS account.",
                    "The clock waits 10 minutes after a deadline before it records a lapse; a notice to the holder more than 1 hour"
                            + " after its window opened moves the deadline; a message may be dated at most 5 minutes after it"
                            + " reached the queue.",
                    "Nothing lapses an offer before its notice to the holder is recorded.");
            assertThat(tab.texts("#versions td:nth-child(3)")).singleElement().asString().isEqualTo("the base: its terms below");
            assertThat(tab.texts("#deployments tbody tr")).as("the deployments on record").isNotEmpty();
        }
    }

    @Test
    void underTheRevisionEverySentenceOfTheStatusPageFollowsTheVersionInForce() {
        Browser.Page tab = chromium.open(revised.url("/"), 1280, 900);

        assertThat(tab.string("document.getElementById('as-of-statement').innerText")).endsWith("Under version 2025-10-28 of the"
                + " agreement Microsoft Azure has no right of first refusal on new capacity: no offer waits on it.");
        // Every sentence the page says itself; the recent decisions keep the reasons they were recorded with, dated.
        String own = tab.string("[...document.querySelectorAll('header, main > section:not(.recent), footer')]"
                + ".map(e => e.innerText).join(' ')") + " " + tab.string("document.querySelector('section.recent p.more').innerText");
        assertThat(own).doesNotContain("has first refusal").doesNotContain("7-day window").contains("agreement 2025-10-28 in force");
        assertThat(tab.texts("section.recent td.reason")).as("the offer after the revision, by its rule")
                .contains("Under version 2025-10-28 the holder has no first refusal: the offer may be taken");
    }
}
