package firstrefusal.page;

import static firstrefusal.page.StatusPageInBrowserTest.chromium;
import static firstrefusal.page.StatusPageInBrowserTest.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.offer.AgreementTally;
import firstrefusal.offer.Notice;
import firstrefusal.offer.OfferDecisions;
import firstrefusal.offer.OfferStore;
import firstrefusal.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.TestPorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /agreement} in a real headless Chromium, with the shipped 2025-10-28 revision switched on
 * ({@code policy.shipped-amendments}): both versions, what the revision changes, the version in force in the header,
 * decisions per version, and the commitment's progress bar. The figures are kept as notify keeps them, from each
 * recorded entry. Screenshot: target/agreement-page.png (or {@code -Dscreenshots.dir}).
 */
@QuarkusTest
@TestProfile(AgreementPageInBrowserTest.Revised.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class AgreementPageInBrowserTest {

    public static class Revised implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policy.shipped-amendments", "2025-10-28", "capacity.table", "agreement-page");
        }
    }

    @Inject
    OfferDecisions decisions;

    @Inject
    OfferStore store;

    @Inject
    AgreementTally tally;

    @Test
    void headlessChromiumShowsTheVersionsTheirChangesAndTheCommitmentsProgress() throws Exception {
        Instant before = Instant.parse("2025-09-01T10:00:00Z");
        decisions.decide(Offers.offer("before-revision").receivedAt(before).build());
        decisions.noticeSent(new Notice("before-revision", 1, before));
        decisions.decide(Offers.match("before-revision", before.plus(Duration.ofDays(3))));
        Instant after = Instant.parse("2025-11-03T10:00:00Z");
        decisions.decide(Offers.offer("azure-fairwater-9").provider("azure").gpus(200_000).price("2.40").receivedAt(after).build());
        decisions.decide(Offers.offer("oracle-after-revision").receivedAt(after.plus(Duration.ofDays(1))).build());
        for (String id : List.of("before-revision", "azure-fairwater-9", "oracle-after-revision")) {
            store.load(id).orElseThrow().history().forEach(tally::record); // as notify does from the stream
        }

        String url = "http://localhost:" + TestPorts.page() + "/agreement";
        String dom = chromium("--dump-dom", url);

        assertThat(dom).contains("id=\"version-in-force\">2025-10-28</a>", "id=\"in-force\">2025-10-28</strong>");
        assertThat(dom).contains("<strong>2025-01-21</strong>", "<strong>2025-10-28</strong>", "<code>first-refusal</code> false",
                "<code>pending-offers</code> release", "<code>api-exempt-customers</code> us-national-security",
                "<code>term-ends</code> 2032-12-31");
        assertThat(dom).contains("id=\"commitment-2025-10-28-azure\"", "<svg class=\"bar\"");
        assertThat(dom).as("200,000 GPUs × $2.40 × 730 h × 48 months").contains("$16819200000.00 contracted of $250000000000.00 (6.73 %)");
        screenshot(url, "agreement-page.png", 900);
    }
}
