package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.support.Browser;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.PageOverHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real headless Chromium at 1280 px, over a record like the dev demo's with the clock standing at
 * {@link PageStory#NOW}: what is due soonest comes first, with the reminders sent; an offer past its own validity reads
 * as expired; a past {@code asOf} shows what was outstanding then; every time reads one way; no table is wider than
 * the window, even with offers at the bounds. Screenshots of every page go to target/ (or, to refresh the
 * documentation's, {@code -Dscreenshots.dir=src/docs}).
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StatusPageInBrowserTest extends InBrowser {

    private static final int WIDTH = 1280;
    /** The page's one format for an instant; dates alone are {@code 2026-11-20}. */
    private static final Pattern PAGE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
    /** Anything else that reads as a time of day, an ISO instant or duration, or a US-style date. */
    private static final Pattern OTHER_TIME = Pattern.compile("\\d{1,2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T|\\bPT?\\d+[DHMS]\\b|\\d{1,2}/\\d{1,2}/\\d{2,4}"
            + "|\\b\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b");

    Served served;

    @BeforeAll
    void theDemoRecord() {
        served = Served.of(demo());
    }

    @AfterAll
    void dropIt() {
        served.close();
    }

    @Test
    void whatIsDueSoonestComesFirstWithTheRemindersSentAndAnOfferPastItsValidityReadsAsExpiredApart() {
        Browser.Page tab = chromium.open(served.url("/"), WIDTH, 900);

        List<String> strip = tab.texts("#due-soon tr.offer td.id a");
        assertThat(strip).as("the soonest due first, whatever the provider's size")
                .containsExactly("softbank-sakai-1", "oracle-shackelford-1");
        assertThat(tab.texts("section.provider h2")).as("providers stay ordered by outstanding GPUs").first().asString()
                .startsWith("Oracle Cloud Infrastructure");
        List<String> reminders = tab.texts("#due-soon td.reminders");
        assertThat(reminders.get(0)).isEqualTo("reminded 3 days and 1 day before the deadline");
        assertThat(reminders.get(1)).isEqualTo("no reminder sent yet");
        List<String> actions = tab.texts("#due-soon tr.action td");
        assertThat(actions.getFirst()).startsWith("Microsoft Azure must MATCH or DECLINE by 2026-11-21 14:00 UTC;");
        assertThat(tab.texts("#decided-by-time td.id a")).as("expired ten minutes ago, the clock not yet ticked: apart, counted nowhere")
                .containsExactly("coreweave-plano-2");
        assertThat(tab.texts("#decided-by-time td.reason")).containsExactly("CoreWeave's offer expired at 2026-11-20 14:50 UTC, "
                + "the end of its own validity, before Microsoft Azure answered: there is nothing left to decide. The clock records "
                + "it at its next tick.");
        assertThat(tab.texts("section.provider td.id a")).doesNotContain("coreweave-plano-2")
                .hasSize(Integer.parseInt(tab.string("document.getElementById('total-offers').innerText")));
        assertThat(tab.text()).contains("The megawatt total leaves out 1 offer that gives no megawatts.");
    }

    @Test
    void aPastAsOfShowsWhatWasOutstandingThenAsTheRecordHasItAndAnExpiryTheClockHasNotRecordedSaysSo() {
        Instant then = PageStory.NOW.minus(Duration.ofDays(12));
        Browser.Page tab = chromium.open(served.url("/?asOf=" + then), WIDTH, 900);

        assertThat(tab.string("document.getElementById('as-of-statement').innerText"))
                .startsWith("As the record shows it stood at 2026-11-08 15:00 UTC:");
        List<String> listed = tab.texts("section.provider td.id a");
        assertThat(listed).as("pending then: matched only two days later").contains("oracle-abilene-1")
                .as("pending then").contains("softbank-sakai-1", "google-mayes-county-1")
                .as("not yet received then").doesNotContain("coreweave-plano-2", "oracle-abilene-2");
        assertThat(tab.string("document.getElementById('total-offers').innerText")).isEqualTo(Integer.toString(listed.size()));

        // Valid until ten minutes before now, seen as of a minute before now: expired then, and the clock has not ticked since.
        Browser.Page offer = chromium.open(served.url("/offers/coreweave-plano-2?asOf=" + PageStory.NOW.minus(Duration.ofMinutes(1))), WIDTH, 900);
        assertThat(offer.string("document.getElementById('next-action').innerText"))
                .isEqualTo("CoreWeave's offer expired at 2026-11-20 14:50 UTC, the end of its own validity, before Microsoft Azure "
                        + "answered: there is nothing left to decide. The clock records it at its next tick.");
        assertThat(offer.text()).doesNotContain("must MATCH or DECLINE");
    }

    @Test
    void everyPageWritesTimesOneWayUsesNoDatePickerAndFitsTheWindow() {
        for (String path : List.of("/", "/?asOf=" + PageStory.NOW.minus(Duration.ofDays(12)), "/decisions", "/offers/oracle-abilene-1",
                "/offers/softbank-sakai-1", "/what-if?first-refusal-window=7+days", "/agreement", "/decisions?to=2026-01-01&from=2026-02-01",
                "/offers/nobody")) {
            Browser.Page tab = chromium.open(served.url(path), WIDTH, 900);
            assertOneTimeFormat(path, tab.text());
            assertOneTimeFormat(path + " (drawings)", String.join(" ", tab.texts("svg text")));
            assertThat(tab.number("document.querySelectorAll('input[type=date]').length")).as(path).isZero();
            assertFits(path, tab);
        }
    }

    @Test
    void offersAtEveryBoundFitTheWindowAndAddUpExactly() throws Exception {
        try (PageStory bounds = PageStory.empty(client, Agreement.of(policy), config, "page-bounds");
                PageOverHttp page = new PageOverHttp(bounds.page)) {
            for (int i = 0; i < 3; i++) {
                String id = (i + "-" + "o".repeat(128)).substring(0, 128);
                Instant received = PageStory.NOW.minus(Duration.ofDays(1 + i));
                bounds.table.decisions().decide(new CapacityOffer(id, 1, "oracle", 10_000_000, new BigDecimal("100000"),
                        "r".repeat(256), Workload.TRAINING, LocalDate.parse("2030-12-31"), 240, new BigDecimal("1000.00"),
                        null, received));
                bounds.table.decisions().noticeSent(new Notice(id, 1, received));
            }
            for (String path : List.of("/", "/decisions", "/offers/" + "0-" + "o".repeat(126))) {
                Browser.Page tab = chromium.open(page.url(path), WIDTH, 900);
                assertFits(path, tab);
                assertOneTimeFormat(path, tab.text());
            }
            Browser.Page board = chromium.open(page.url("/"), WIDTH, 900);
            assertThat(board.string("document.getElementById('total-gpus').innerText")).isEqualTo("30,000,000");
            assertThat(board.string("document.getElementById('total-megawatts').innerText")).isEqualTo("300,000");
        }
    }

    @Test
    void screenshotsOfEveryPage() throws Exception {
        screenshot(chromium, served.url("/"), "status-page.png");
        screenshot(chromium, served.url("/decisions"), "decisions-page.png");
        screenshot(chromium, served.url("/offers/oracle-abilene-1"), "offer-page.png");
        screenshot(chromium, served.url("/what-if?first-refusal-window=7+days"), "what-if-page.png");
    }

    @Test
    void theDecisionRecordFiltersAsTheReadmeSays() {
        Browser.Page tab = chromium.open(served.url("/decisions?provider=google&status=APPROVED&from=2026-10-01"), WIDTH, 900);

        assertThat(tab.texts("#decisions td.id a")).containsExactlyInAnyOrder("google-the-dalles-1", "google-mayes-county-1");
        assertThat(tab.texts("#decisions thead th")).as("the terms, as the CSV has them").contains("GPUs", "$/GPU-h");
        assertThat(tab.texts("#decisions td.num")).as("GPUs and price per GPU-hour of each").containsExactly("26,000", "$2.50", "18,000", "$2.40");
        assertThat(tab.text()).contains("the holder declined", "the holder let the window lapse");
        assertThat(tab.string("document.querySelector('select[name=provider] option[selected]').value")).isEqualTo("google");
        assertThat(tab.string("document.getElementById('csv-link').getAttribute('href')"))
                .isEqualTo("decisions.csv?provider=google&status=APPROVED&from=2026-10-01T00%3A00%3A00Z");
    }

    /** The rendered text, with every instant in the page's format taken out, holds nothing else that reads as a time. */
    private static void assertOneTimeFormat(String path, String text) {
        String rest = PAGE_TIME.matcher(text).replaceAll("<time>");
        Matcher other = OTHER_TIME.matcher(rest);
        List<String> found = new ArrayList<>();
        while (other.find()) {
            found.add(rest.substring(Math.max(0, other.start() - 30), Math.min(rest.length(), other.end() + 30)));
        }
        assertThat(found).as("%s: times in another format", path).isEmpty();
    }

    /** Nothing wider than the window: not the document, not a table. */
    private static void assertFits(String path, Browser.Page tab) {
        assertThat(tab.number("document.documentElement.scrollWidth")).as("%s: page width", path).isLessThanOrEqualTo(WIDTH);
        List<?> tables = (List<?>) tab.eval("[...document.querySelectorAll('table')].map(t => Math.ceil(t.getBoundingClientRect().right))");
        tables.forEach(right -> assertThat(((Number) right).intValue()).as("%s: a table's right edge", path).isLessThanOrEqualTo(WIDTH));
    }

    /** A full-page screenshot, checked to be a real PNG of some size; look at it after the run. */
    static void screenshot(Browser chromium, String url, String name) throws Exception {
        Path file = Path.of(System.getProperty("screenshots.dir", "target"), name).toAbsolutePath();
        byte[] png = chromium.open(url, WIDTH, 900).screenshot();
        assertThat(png.length).as(name).isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        Files.write(file, png);
    }
}
