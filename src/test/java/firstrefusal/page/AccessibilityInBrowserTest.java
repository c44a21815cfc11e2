package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.support.Browser;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every page, audited in a real headless Chromium by axe-core (Deque's Selenium integration) against WCAG 2.1 A and AA
 * and axe-core's best practices: the status page now, at a past and at a future instant, under the base agreement and
 * with the 2025-10-28 revision; an offer, now and as it stood; the decision record; the what-if; the agreement; an error
 * page (a 404 and a 400). No violation, of any impact.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AccessibilityInBrowserTest extends InBrowser {

    private static final Logger LOG = Logger.getLogger(AccessibilityInBrowserTest.class);

    @Test
    void everyPagePassesTheAuditWithNoViolation() throws Exception {
        List<String> found = new ArrayList<>();
        try (Served http = Served.of(demo())) {
            found.addAll(audit(http, List.of("/", "/?asOf=" + PageStory.NOW.minus(Duration.ofDays(12)),
                    "/?asOf=" + PageStory.NOW.plus(Duration.ofDays(5)), "/?provider=oracle", "/offers/oracle-abilene-1",
                    "/offers/coreweave-plano-2?asOf=" + PageStory.NOW.minus(Duration.ofMinutes(1)), "/decisions",
                    "/decisions?provider=google&status=APPROVED", "/what-if?first-refusal-window=7+days", "/agreement",
                    "/offers/nobody", "/decisions?to=2026-01-01&from=2026-02-01")));
        }
        try (Served http = Served.of(revised())) {
            found.addAll(audit(http, List.of("/", "/agreement", "/what-if?amendment=2025-10-28")));
        }
        assertThat(found).as("axe-core violations, WCAG 2.1 A and AA and best practices").isEmpty();
    }

    private List<String> audit(Served http, List<String> paths) {
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            Browser.Audit audit = chromium.open(http.url(path), 1280, 900).audit();
            LOG.infof("axe-core on %s: %d rules passed, %d violations, for a person to review: %s", path, audit.passed(),
                    audit.violations().size(), audit.toReview());
            audit.violations().forEach(v -> found.add(path + ": " + v));
        }
        return found;
    }
}
