package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.Chromium;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.PageOverHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The pages in a real headless Chromium at 1280 px, over a record like the dev demo's with the clock standing at
 * {@link PageStory#NOW}: what is due soonest comes first, with the reminders sent; an offer past its own validity reads
 * as expired; a past {@code asOf} shows what was outstanding then; every time reads one way; no table is wider than
 * the window, even with offers at the bounds. Screenshots of every page go to target/ (or, to refresh the
 * documentation's, {@code -Dscreenshots.dir=src/docs}).
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageInBrowserTest {

    private static final int WIDTH = 1280;
    /** The page's one format for an instant; dates alone are {@code 2026-11-20}. */
    private static final Pattern PAGE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
    /** Anything else that reads as a time of day, an ISO instant or duration, or a US-style date. */
    private static final Pattern OTHER_TIME = Pattern.compile("\\d{1,2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T|\\bPT?\\d+[DHMS]\\b|\\d{1,2}/\\d{1,2}/\\d{2,4}"
            + "|\\b\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b");

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Inject
    StatusPageConfig config;

    Chromium chromium;
    PageStory story;
    PageOverHttp http;

    @BeforeAll
    void aRecordAndABrowser() throws Exception {
        chromium = Chromium.launch();
        story = PageStory.demo(client, Agreement.of(policy), config);
        http = new PageOverHttp(story.page);
    }

    @AfterAll
    void closeAll() throws Exception {
        http.close();
        story.close();
        chromium.close();
    }

    @Test
    void whatIsDueSoonestComesFirstWithTheRemindersSentAndAnOfferPastItsValidityReadsAsExpired() {
        Chromium.Tab tab = chromium.open(http.url("/"), WIDTH, 900);

        List<String> strip = texts(tab, "#due-soon tr.offer td.id a");
        assertThat(strip).as("the soonest due first, whatever the provider's size")
                .containsExactly("coreweave-plano-2", "softbank-sakai-1", "oracle-shackelford-1");
        assertThat(texts(tab, "section.provider h2")).as("providers stay ordered by outstanding GPUs").first().asString()
                .startsWith("Oracle Cloud Infrastructure");
        List<String> reminders = texts(tab, "#due-soon td.reminders");
        assertThat(reminders.get(1)).isEqualTo("reminded 3 days and 1 day before the deadline");
        assertThat(reminders.get(2)).isEqualTo("no reminder sent yet");
        List<String> actions = texts(tab, "#due-soon tr.action td");
        assertThat(actions.getFirst()).isEqualTo("CoreWeave's offer expired at 2026-11-20 14:50 UTC, the end of its own validity, "
                + "before Microsoft Azure answered: there is nothing left to decide. The clock records it at its next tick.");
        assertThat(actions.get(1)).startsWith("Microsoft Azure must MATCH or DECLINE by 2026-11-21 14:00 UTC;");
        assertThat(tab.text()).contains("The megawatt total leaves out 1 offer that gives no megawatts.");
    }

    @Test
    void aPastAsOfShowsWhatWasOutstandingThenAsTheRecordHasIt() {
        Instant then = PageStory.NOW.minus(Duration.ofDays(12));
        Chromium.Tab tab = chromium.open(http.url("/?asOf=" + then), WIDTH, 900);

        assertThat(tab.eval("document.getElementById('as-of-statement').innerText").asText())
                .startsWith("As the record shows it stood at 2026-11-08 15:00 UTC:");
        List<String> listed = texts(tab, "section.provider td.id a");
        assertThat(listed).as("pending then: matched only two days later").contains("oracle-abilene-1")
                .as("pending then").contains("softbank-sakai-1", "google-mayes-county-1")
                .as("not yet received then").doesNotContain("coreweave-plano-2", "oracle-abilene-2");
        assertThat(tab.eval("document.getElementById('total-offers').innerText").asText()).isEqualTo(Integer.toString(listed.size()));

        Chromium.Tab offer = chromium.open(http.url("/offers/coreweave-plano-2?asOf=" + PageStory.NOW.minus(Duration.ofMinutes(1))), WIDTH, 900);
        assertThat(offer.eval("document.getElementById('next-action').innerText").asText())
                .isEqualTo("Nothing to do: the offer expired.");
    }

    @Test
    void everyPageWritesTimesOneWayUsesNoDatePickerAndFitsTheWindow() {
        for (String path : List.of("/", "/?asOf=" + PageStory.NOW.minus(Duration.ofDays(12)), "/decisions", "/offers/oracle-abilene-1",
                "/offers/softbank-sakai-1", "/what-if?first-refusal-window=7+days", "/agreement", "/decisions?to=2026-01-01&from=2026-02-01",
                "/offers/nobody")) {
            Chromium.Tab tab = chromium.open(http.url(path), WIDTH, 900);
            assertOneTimeFormat(path, tab.text());
            assertOneTimeFormat(path + " (drawings)", String.join(" ", texts(tab, "svg text")));
            assertThat(tab.eval("document.querySelectorAll('input[type=date]').length").asInt()).as(path).isZero();
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
                Chromium.Tab tab = chromium.open(page.url(path), WIDTH, 900);
                assertFits(path, tab);
                assertOneTimeFormat(path, tab.text());
            }
            Chromium.Tab board = chromium.open(page.url("/"), WIDTH, 900);
            assertThat(board.eval("document.getElementById('total-gpus').innerText").asText()).isEqualTo("30,000,000");
            assertThat(board.eval("document.getElementById('total-megawatts').innerText").asText()).isEqualTo("300,000");
        }
    }

    @Test
    void screenshotsOfEveryPage() throws Exception {
        screenshot(chromium, http.url("/"), "status-page.png");
        screenshot(chromium, http.url("/decisions"), "decisions-page.png");
        screenshot(chromium, http.url("/offers/oracle-abilene-1"), "offer-page.png");
        screenshot(chromium, http.url("/what-if?first-refusal-window=7+days"), "what-if-page.png");
    }

    @Test
    void theDecisionRecordFiltersAsTheReadmeSays() {
        Chromium.Tab tab = chromium.open(http.url("/decisions?provider=google&status=APPROVED&from=2026-10-01"), WIDTH, 900);

        assertThat(texts(tab, "#decisions td.id a")).containsExactlyInAnyOrder("google-the-dalles-1", "google-mayes-county-1");
        assertThat(tab.text()).contains("the holder declined", "the holder let the window lapse");
        assertThat(tab.eval("document.querySelector('select[name=provider] option[selected]').value").asText()).isEqualTo("google");
        assertThat(tab.eval("document.getElementById('csv-link').getAttribute('href')").asText())
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
    private static void assertFits(String path, Chromium.Tab tab) {
        assertThat(tab.eval("document.documentElement.scrollWidth").asInt()).as("%s: page width", path).isLessThanOrEqualTo(WIDTH);
        JsonNode tables = tab.eval("[...document.querySelectorAll('table')].map(t => Math.ceil(t.getBoundingClientRect().right))");
        tables.forEach(right -> assertThat(right.asInt()).as("%s: a table's right edge", path).isLessThanOrEqualTo(WIDTH));
    }

    static List<String> texts(Chromium.Tab tab, String selector) {
        List<String> texts = new ArrayList<>();
        tab.eval("[...document.querySelectorAll('" + selector + "')].map(e => e.textContent.trim())").forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** A full-page screenshot, checked to be a real PNG of some size; look at it after the run. */
    static void screenshot(Chromium chromium, String url, String name) throws Exception {
        Path file = Path.of(System.getProperty("screenshots.dir", "target"), name).toAbsolutePath();
        byte[] png = chromium.open(url, WIDTH, 900).screenshot();
        assertThat(png.length).as(name).isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        Files.write(file, png);
    }
}
