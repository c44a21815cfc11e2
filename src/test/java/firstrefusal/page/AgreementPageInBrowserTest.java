package firstrefusal.page;

import static firstrefusal.page.StatusPageInBrowserTest.screenshot;
import static firstrefusal.page.StatusPageInBrowserTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.support.Chromium;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.PageOverHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code /agreement} in a real headless Chromium, with the shipped 2025-10-28 revision in the agreement: both versions,
 * what the revision changes in words, the version in force in the header, decisions per version, and the commitment's
 * progress bar. The figures are kept as notify keeps them, from each recorded entry. Screenshot:
 * target/agreement-page.png (or {@code -Dscreenshots.dir=src/docs}).
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AgreementPageInBrowserTest {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Inject
    StatusPageConfig config;

    @Test
    void headlessChromiumShowsTheVersionsWhatEachChangesAndTheCommitmentsProgress() throws Exception {
        Agreement revised = Agreement.of(policy, List.of(ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, policy).orElseThrow()));
        try (PageStory story = PageStory.empty(client, revised, config, "agreement-page"); PageOverHttp page = new PageOverHttp(story.page);
                Chromium chromium = Chromium.launch()) {
            story.offer("before-revision", "oracle", 64_000, "200", Workload.TRAINING, "2.10", null, ago("2025-09-01T10:00:00Z"));
            story.answer("before-revision", Answer.MATCH, ago("2025-09-04T10:00:00Z"));
            story.offer("azure-fairwater-9", "azure", 200_000, "400", Workload.TRAINING, "2.40", null, ago("2025-11-03T10:00:00Z"),
                    java.time.LocalDate.parse("2026-03-01"));
            story.offer("oracle-after-revision", "oracle", 64_000, "200", Workload.TRAINING, "2.10", null, ago("2025-11-04T10:00:00Z"));
            story.tallied();

            Chromium.Tab tab = chromium.open(page.url("/agreement"), 1280, 900);

            assertThat(tab.eval("document.getElementById('version-in-force').textContent").asText()).isEqualTo("2025-10-28");
            assertThat(texts(tab, "#versions td:first-child strong")).containsExactly("2025-01-21", "2025-10-28");
            assertThat(texts(tab, "#versions ul.changes li")).contains(
                    "The holder's right of first refusal on new capacity ends.",
                    "Offers awaiting the holder when it takes effect are released: the buyer may take them.",
                    "API work for us-national-security may run on any cloud; other API work stays with the holder.",
                    "The terms run through 2032-12-31.",
                    "The buyer commits to $250,000,000,000.00 of Microsoft Azure from 2025-10-28.");
            assertThat(texts(tab, "#versions td.num")).as("decisions per version: two before, two after").containsExactly("2", "2");
            assertThat(tab.eval("document.querySelector('.commitment p').textContent").asText().replaceAll("\\s+", " "))
                    .as("200,000 GPUs × $2.40 × 730 h × 36 months")
                    .contains("$12,614,400,000.00 contracted of $250,000,000,000.00 (5.05 %)");
            assertThat(tab.eval("document.querySelectorAll('svg.bar').length").asInt()).isEqualTo(1);
            screenshot(chromium, page.url("/agreement"), "agreement-page.png");
        }
    }

    private static Duration ago(String instant) {
        return Duration.between(Instant.parse(instant), PageStory.NOW);
    }
}
