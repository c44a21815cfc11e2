package firstrefusal.packaged;

import static firstrefusal.packaged.AwsEvents.offer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Only the page builds the Qute engine (page/QuteEngineOnFirstUse): through the packaged zip, with the Qute extension's
 * own debug line on ("Initializing Qute [templates: ...]", written as its engine is built), {@code decide} and
 * {@code notify} answer, and shut down as Lambda ends them (SIGTERM), without ever writing it, and {@code status-page}
 * writes it once, in its init, before its first request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateEngineIT {

    private static final String ENGINE_BUILT = "Initializing Qute [templates:";

    private PackagedStack stack;

    @BeforeAll
    void everyFunctionAnswersOnce() {
        stack = new PackagedStack("template-engine");
        stack.redeploy(Map.of("QUARKUS_LOG_CATEGORY__IO_QUARKUS_QUTE__LEVEL", "DEBUG"));
        stack.decideOk(offer("qute-oracle-1", "oracle", Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1)), 8_000));
        stack.pumpNotify();
        assertThat(stack.page("/", "text/html").path("statusCode").asInt()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void decideAndNotifyNeverBuildTheEngineNotEvenToShutDown() throws IOException {
        for (String function : new String[] {"decide", "notify"}) {
            PackagedFunction environment = stack.function(function);
            assertThat(environment.shutDown(Duration.ofSeconds(30))).as("%s exits on SIGTERM", function).isPresent();
            assertThat(Files.readString(environment.log())).as("%s's log", function).doesNotContain(ENGINE_BUILT);
        }
    }

    @Test
    void thePageBuildsItOnceInItsInit() throws IOException {
        String log = Files.readString(stack.function("status-page").log());
        assertThat(log.split(Pattern.quote(ENGINE_BUILT), -1)).as("status-page's log: %s", log).hasSize(2);
        assertThat(log.indexOf(ENGINE_BUILT)).as("built in the init, before Quarkus reports it started").isGreaterThan(0)
                .isLessThan(log.indexOf("started in"));
    }
}
