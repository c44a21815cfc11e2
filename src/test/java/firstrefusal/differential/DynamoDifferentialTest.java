package firstrefusal.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole decision service on DynamoDB Local against the reference model: generated worlds of many offers sharing one
 * agreement and its deployments ({@link Generator#table}), their messages, notices and clock ticks in a random processing
 * order, some {@code responseId}s reused across offers (which only the store's claim refuses), each world through
 * {@code DecisionService} on a fresh table and through the model. Every answer, every tick's lapsed, expired and released
 * offers, and at the end every offer's history must agree ({@link Differential}); a disagreement fails with the seed and
 * the smallest input list that still shows it (shrunk on fresh tables).
 *
 * <p>600 offers in 4 worlds by default (about half a minute here); {@code -Ddifferential.dynamo-offers=N} scales it, {@code -Ddifferential.seed=S}
 * replays a run (as for {@link PureDifferentialTest}), {@code -Ddifferential.world=I} one world of it.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DynamoDifferentialTest {

    static final int OFFERS = Integer.getInteger("differential.dynamo-offers", 600);
    static final int WORLDS = 4;
    private static final Integer ONLY = Integer.getInteger("differential.world");

    @Inject
    DynamoDbClient client;

    @Test
    void theDecisionServiceOnDynamoDbDecidesEveryGeneratedOfferAsTheReferenceModelDoes() {
        long seed = PureDifferentialTest.SEED;
        System.out.println("DynamoDifferentialTest seed " + seed + ", " + OFFERS + " offers in " + WORLDS
                + " worlds (replay with -Ddifferential.seed=" + seed + ")");
        long started = System.nanoTime();
        Differential.Coverage coverage = new Differential.Coverage();
        Differential differential = new Differential(scenario -> new DynamoProduct(client, scenario), coverage);
        List<String> reports = new ArrayList<>();
        int steps = 0;
        for (int w = 0; w < WORLDS; w++) {
            if (ONLY != null && ONLY != w) {
                continue;
            }
            long worldSeed = PureDifferentialTest.worldSeed(seed, -1 - w);
            World world = new Generator(worldSeed).table("t" + w, worldSeed, OFFERS / WORLDS);
            steps += world.steps().size();
            var found = differential.run(world);
            if (found.isPresent()) {
                String report = differential.report(world, found.get(),
                        "-Ddifferential.seed=" + seed + " -Ddifferential.world=" + w);
                System.out.println(report);
                reports.add(report);
            }
        }
        System.out.printf("DynamoDifferentialTest: %d offers, %d inputs in %.1f s; coverage: %s%n", OFFERS, steps,
                (System.nanoTime() - started) / 1e9, coverage);
        if (!reports.isEmpty()) {
            fail(String.join("\n", reports));
        }
        if (ONLY == null) {
            for (String exercised : List.of("Answer refused responseId", "Answer duplicate", "entry correction",
                    "Tick lapsed", "Tick expired")) {
                assertThat(coverage.count(exercised)).as("the corpus exercises %s", exercised).isPositive();
            }
        }
    }
}
