package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.support.Browser;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status page at a future {@code asOf}, in a real headless Chromium: a projection of the record as it stands, in
 * which an offer whose deadline or own expiry falls before {@code asOf} no longer awaits the holder. The headline, the
 * totals, the chart and the rows count the same offers; those time decides by then are listed apart, in words that say
 * what happens unless someone acts first.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class ProjectionInBrowserTest extends InBrowser {

    @Test
    void aFutureAsOfIsAProjectionWhoseHeadlineCountsChartAndRowsAgree() throws Exception {
        try (Served http = Served.of(demo())) {
            Browser.Page tab = chromium.open(http.url("/?asOf=" + PageStory.NOW.plus(Duration.ofDays(5))), 1280, 900);

            assertThat(tab.string("document.getElementById('as-of-statement').innerText"))
                    .startsWith("Projected to 2026-11-25 15:00 UTC from the record as it stands at 2026-11-20 15:00 UTC:")
                    .contains("Each offer below waits on Microsoft Azure, which has first refusal");
            List<String> awaiting = tab.texts("section.provider td.id a");
            assertThat(awaiting).as("deadlines after the 25th").containsExactlyInAnyOrder("oracle-abilene-2", "softbank-tomakomai-1",
                    "coreweave-denton-2", "google-council-bluffs-1", "stargate-shackelford-product");
            assertThat(tab.string("document.getElementById('total-offers').innerText")).isEqualTo("5");
            assertThat(tab.string("document.getElementById('total-gpus').innerText")).isEqualTo("166,000");
            long charted = tab.texts("#gpu-chart text.chart-value").stream().mapToLong(v -> Long.parseLong(v.replace(",", ""))).sum();
            assertThat(charted).as("the chart counts the offers the rows list").isEqualTo(166_000);
            assertThat(tab.texts("#deadline-timeline text.tl-label")).hasSize(5);
            assertThat(tab.texts("section.provider td.left")).noneMatch(left -> left.contains("decided by time"));
            assertThat(tab.texts("#decided-by-time td.id a")).as("a lapse, an expiry before its deadline, an expiry now")
                    .containsExactly("coreweave-plano-2", "softbank-sakai-1", "oracle-shackelford-1");
            assertThat(tab.texts("#decided-by-time td.reason")).contains("Unless Microsoft Azure answers by 2026-11-21 14:00 UTC, "
                    + "first refusal lapses then, and SoftBank's offer is free to take.");

            Browser.Page later = chromium.open(http.url("/?asOf=" + PageStory.NOW.plus(Duration.ofDays(20))), 1280, 900);
            assertThat(later.string("document.getElementById('as-of-statement').innerText")).contains("No offer waits on Microsoft Azure")
                    .doesNotContain("Each offer below waits");
            assertThat(later.string("document.getElementById('total-offers').innerText")).isEqualTo("0");
            assertThat(later.texts("section.provider")).isEmpty();
            assertThat(later.number("document.querySelectorAll('#gpu-chart').length")).isZero();
            assertThat(later.texts("#decided-by-time td.id a")).hasSize(8);
        }
    }
}
