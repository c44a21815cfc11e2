package firstrefusal.app;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.adapters.in.NotifyFunction;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.policy.Policy;
import firstrefusal.page.PageRoutes;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.TableProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming hook, called as Lambda calls it before a snapshot: each function's path runs, and nothing
 * is written anywhere (the table's items and the requests made prove it).
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class PrimingTest {

    @Inject
    Policy policy;

    @Inject
    Instance<OfferStore> store;

    @Inject
    Instance<PageRoutes> page;

    @Inject
    Instance<NotifyFunction> notify;

    @Inject
    TableProbe table;

    @Test
    void decidePrimingDecidesASampleAndOnlyReads() {
        int items = table.itemCount();
        List<String> steps = primed("decide");

        assertThat(steps).contains("parsed offer:1", "SQS records 1", "clock 2025-01-21T15:00:00Z", "decided FIRST_REFUSAL_REQUIRED",
                "read false, and the pending offers");
        assertThat(table.itemCount()).as("nothing written").isEqualTo(items);
    }

    @Test
    void statusPagePrimingRendersItsPagesFromReads() {
        int items = table.itemCount();
        DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(() -> assertThat(primed("status-page"))
                .contains("GET / 200", "GET /decisions 200", "GET /offers/priming-0 404", "GET /api/outstanding 200"));

        assertThat(usage.requests().keySet()).as("reads only").containsOnly("Query");
        assertThat(table.itemCount()).isEqualTo(items);
    }

    @Test
    void notifyPrimingBuildsItsClientAndPublishesNothing() {
        assertThat(primed("notify")).contains("event priming-0#1", "stream records 1", "notify and its EventBridge client built");
    }

    @Test
    void theHookIsWhatLambdaCallsBeforeTheSnapshot() {
        int items = table.itemCount();
        new Priming("decide", policy, store, page, notify).beforeCheckpoint(null);
        new Priming("status-page", policy, store, page, notify).afterRestore(null);
        assertThat(table.itemCount()).isEqualTo(items);
    }

    private List<String> primed(String handler) {
        return new Priming(handler, policy, store, page, notify).prime();
    }
}
