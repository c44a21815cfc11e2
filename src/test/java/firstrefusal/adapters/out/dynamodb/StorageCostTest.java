package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.domain.offer.Offers.DEADLINE;
import static firstrefusal.domain.offer.Offers.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What each kind of write costs in DynamoDB requests and items, counted on the application's own client: the common
 * path stays at one query and one transaction; a correction, a kept late answer and a recorded notice are what
 * src/docs/contract.md's time rules add. The figures are in src/docs/BENCHMARKS.md ("What time costs").
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StorageCostTest extends OnItsOwnTable {

    private static final Logger LOG = Logger.getLogger(StorageCostTest.class);

    @Test
    void theCommonPathIsOneQueryAndOneTransactionAndTheTimeRulesAddWhatTheySay() {
        Map<String, DynamoDbRequestCounter.Usage> costs = new LinkedHashMap<>();
        costs.put("new offer", measure(() -> table.decisions().decide(Offers.offer("c").build())));
        costs.put("notice in time (notify: recorded after PutEvents)", measure(
                () -> table.decisions().noticeSent(new Notice("c", 1, RECEIVED.plusSeconds(30)))));
        costs.put("notice on record? (notify: before PutEvents)", measure(() -> table.decisions().noticeOnRecord("c", 1)));
        costs.put("clock lapse, per offer", measure(() -> table.decisions().tick(new ClockTick(DEADLINE.plus(Duration.ofHours(1))))));
        costs.put("answer in time after the lapse: a correction", measure(
                () -> table.decisions().decide(Offers.match("c", DEADLINE.minus(Duration.ofDays(1))))));

        table.decisions().decide(Offers.offer("late").build());
        costs.put("notice late: NOTICE_LATE entry", measure(
                () -> table.decisions().noticeSent(new Notice("late", 1, RECEIVED.plus(Duration.ofDays(1))))));
        costs.put("answer late: kept, lapse recorded", measure(
                () -> table.decisions().decide(Offers.match("late", DEADLINE.plus(Duration.ofDays(3))))));
        costs.put("answer late again, lapse on record: kept alone", measure(
                () -> table.decisions().decide(Offers.decline("late", DEADLINE.plus(Duration.ofDays(4))))));
        costs.put("duplicate", measure(() -> table.decisions().decide(Offers.offer("late").build())));

        StringBuilder md = new StringBuilder("| write | requests | by operation | items read | items written |\n|---|---:|---|---:|---:|\n");
        costs.forEach((what, u) -> md.append("| ").append(what).append(" | ").append(u.totalRequests()).append(" | ")
                .append(u.requests()).append(" | ").append(u.itemsRead()).append(" | ").append(u.itemsWritten()).append(" |\n"));
        LOG.info("storage cost by write:\n" + md);

        assertThat(costs.get("new offer").requests()).isEqualTo(Map.of("Query", 1L, "TransactWriteItems", 1L));
        assertThat(costs.get("new offer").itemsWritten()).as("state and the history entry with its message").isEqualTo(2);
        assertThat(costs.get("notice in time (notify: recorded after PutEvents)").requests())
                .isEqualTo(Map.of("Query", 1L, "TransactWriteItems", 1L));
        assertThat(costs.get("notice in time (notify: recorded after PutEvents)").itemsWritten()).as("state and the notice").isEqualTo(2);
        assertThat(costs.get("notice on record? (notify: before PutEvents)").requests()).isEqualTo(Map.of("Query", 1L));
        assertThat(costs.get("answer in time after the lapse: a correction").requests())
                .isEqualTo(Map.of("Query", 1L, "TransactWriteItems", 1L));
        assertThat(costs.get("answer in time after the lapse: a correction").itemsWritten())
                .as("state, the correction, the response id's claim").isEqualTo(3);
        assertThat(costs.get("notice late: NOTICE_LATE entry").itemsWritten()).as("state, the entry, the notice").isEqualTo(3);
        assertThat(costs.get("answer late: kept, lapse recorded").itemsWritten())
                .as("state, the lapse, the kept answer, its id's claim").isEqualTo(4);
        assertThat(costs.get("answer late again, lapse on record: kept alone").itemsWritten())
                .as("state, the kept answer, its id's claim").isEqualTo(3);
        assertThat(costs.get("duplicate").requests()).isEqualTo(Map.of("Query", 1L));
    }

    private static DynamoDbRequestCounter.Usage measure(Runnable work) {
        return DynamoDbRequestCounter.measure(work);
    }
}
