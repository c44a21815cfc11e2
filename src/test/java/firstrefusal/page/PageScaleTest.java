package firstrefusal.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import firstrefusal.adapters.out.dynamodb.TableSeeder;
import firstrefusal.config.CapacityConfig;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.TestPorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The page and storage of the contract (src/docs/contract.md) at scale, on a table of its own: the page renders 10,000 outstanding offers, and the items
 * it reads do not grow when 5,000 decided offers join the history.
 */
@QuarkusTest
@TestProfile(PageScaleTest.OwnTable.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class PageScaleTest {

    private static final Logger LOG = Logger.getLogger(PageScaleTest.class);
    private static final String[] PROVIDERS = {"oracle", "softbank", "coreweave", "google", "stargate"};

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("capacity.table", "page-scale");
        }
    }

    @Inject
    DynamoDbClient client;

    @Inject
    CapacityConfig config;

    @Inject
    Policy policy;

    @Test
    void tenThousandOutstandingOffersRenderAndDecidedHistoryAddsNoReads() {
        TableSeeder seeder = new TableSeeder(client, config.table().name(), policy);
        // Received in the last few hours, so each still awaits the holder on the page's clock, which is the wall clock.
        Instant recent = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int i = 0; i < 10_000; i++) {
            seeder.offer(Offers.offer("scale-pending-" + i).provider(PROVIDERS[i % PROVIDERS.length]).workload(Workload.PRODUCT)
                    .gpus(1_000 + i).startDate("2027-06-01").receivedAt(recent.plusSeconds(i)).build());
        }
        seeder.flush();

        long started = System.nanoTime();
        DynamoDbRequestCounter.Usage before = DynamoDbRequestCounter.measure(() -> page().get("/").then()
                .statusCode(200)
                .body(containsString("<dd id=\"total-offers\">10,000</dd>"))
                .body(containsString("id=\"provider-stargate\"")));
        LOG.infof("Page with 10,000 outstanding offers: %d ms, %s", Duration.ofNanos(System.nanoTime() - started).toMillis(), before);

        for (int i = 0; i < 5_000; i++) {
            String id = "scale-decided-" + i;
            Instant received = Offers.RECEIVED.plusSeconds(i);
            seeder.offer(Offers.offer(id).provider(PROVIDERS[i % PROVIDERS.length]).workload(Workload.PRODUCT).receivedAt(received).build(),
                    new HolderResponse("r-" + id, id, "azure", i % 2 == 0 ? Answer.MATCH : Answer.DECLINE, received.plusSeconds(60)));
        }
        seeder.flush();

        DynamoDbRequestCounter.Usage after = DynamoDbRequestCounter.measure(() -> page().get("/").then().statusCode(200));
        LOG.infof("Same page with 5,000 decided offers more: %s", after);

        // The pending offers, plus the 20 recent decisions and one more (to know whether older ones exist).
        assertThat(before.itemsRead()).as("items read for / with 10,000 pending").isBetween(10_000L, 10_000L + 21);
        assertThat(after.itemsRead()).as("items read once 5,000 decided offers were added").isEqualTo(before.itemsRead());
        assertThat(after.requests()).isEqualTo(before.requests());
        assertThat(after.requests()).containsOnlyKeys("Query");
    }

    private static io.restassured.specification.RequestSpecification page() {
        return given().port(TestPorts.page());
    }
}
