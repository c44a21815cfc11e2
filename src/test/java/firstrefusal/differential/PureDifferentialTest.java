package firstrefusal.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The product's decide core against the reference model ({@code firstrefusal.reference}), offer by offer: each generated
 * world ({@link Generator#single}: one offer, its agreement and deployments, its messages, notices and clock ticks in a
 * random processing order) goes through the product's {@code Adjudicator} (and the clock as {@code ClockTicks} drives
 * it) and through the model, and every answer, every tick and the offer's whole history must agree
 * ({@link Differential}). A disagreement fails with the seed and the smallest input list that still shows it.
 *
 * <p>10,000 offers by default, 2 to 5 seconds here. {@code -Ddifferential.offers=N} scales it;
 * {@code ./mvnw -B test -Pdifferential-million} runs 1,000,000 offers under a fresh seed (60 to 80 seconds of test time, about 1.5 minutes with the build, on this
 * 2-core machine). {@code -Ddifferential.seed=S} replays a run ({@code random} draws one), and with it
 * {@code -Ddifferential.offer=I} replays the one world of offer I. {@code -Ddifferential.collect=N} goes on after a
 * disagreement and reports up to N of different kinds.
 */
class PureDifferentialTest {

    static final int OFFERS = Integer.getInteger("differential.offers", 10_000);
    static final long SEED = seed();
    private static final Integer ONLY = Integer.getInteger("differential.offer");
    private static final int COLLECT = Integer.getInteger("differential.collect", 1);

    static long seed() {
        String given = System.getProperty("differential.seed", "20250121");
        return given.equals("random") ? System.nanoTime() : Long.parseLong(given);
    }

    /** The seed of world {@code i} of a run: each world is replayed from it alone. */
    static long worldSeed(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Test
    void theProductDecidesEveryGeneratedOfferAsTheReferenceModelDoes() {
        System.out.println("PureDifferentialTest seed " + SEED + ", " + OFFERS + " offers (replay with -Ddifferential.seed="
                + SEED + ")");
        long started = System.nanoTime();
        Differential.Coverage coverage = new Differential.Coverage();
        Differential differential = new Differential(PureProduct::new, coverage);
        List<String> reports = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        int from = ONLY == null ? 0 : ONLY;
        int to = ONLY == null ? OFFERS : ONLY + 1;
        long steps = 0;
        for (int i = from; i < to && reports.size() < COLLECT; i++) {
            long seed = worldSeed(SEED, i);
            World world = new Generator(seed).single("o" + i, seed);
            steps += world.steps().size();
            var found = differential.run(world);
            if (found.isPresent() && kinds.add(found.get().what())) {
                String report = differential.report(world, found.get(),
                        "-Ddifferential.seed=" + SEED + " -Ddifferential.offer=" + i);
                System.out.println(report);
                reports.add(report);
            }
        }
        System.out.printf("PureDifferentialTest: %d offers, %d inputs in %.1f s; coverage: %s%n", to - from, steps,
                (System.nanoTime() - started) / 1e9, coverage);
        if (!reports.isEmpty()) {
            fail(String.join("\n", reports));
        }
        if (ONLY == null && OFFERS >= 5_000) {
            for (String exercised : List.of("entry correction", "entry NOTICE_LATE", "entry RELEASED_BY_AMENDMENT",
                    "entry AGI_DECLARED", "entry MATERIAL_CHANGE", "entry NON_MATERIAL_REVISION", "entry HOLDER_MATCHED",
                    "entry HOLDER_DECLINED", "entry FIRST_REFUSAL_LAPSED", "entry OFFER_EXPIRED", "entry OFFER_WITHDRAWN",
                    "entry NO_FIRST_REFUSAL", "entry API_CUSTOMER_EXEMPT", "entry APPROVED_EXCEPTION", "Answer late",
                    "Answer duplicate", "Answer refused responseId", "Answer refused account", "Answer refused respondedAt",
                    "Offer refused receivedAt", "Offer refused revision", "Withdrawal duplicate", "Notice duplicate",
                    "Tick lapsed", "Tick expired", "Tick released")) {
                assertThat(coverage.count(exercised)).as("the corpus exercises %s", exercised).isPositive();
            }
        }
    }
}
