package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.offer.OfferDecisions;
import firstrefusal.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.TestPorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real headless Chromium loads the pages from the running test app: the provider groups, the deadline timeline
 * and the chart on {@code /}, the decision record on {@code /decisions}; screenshots go to target/status-page.png and
 * target/decisions-page.png.
 * Needs Chromium on the PATH (Debian: apt-get install chromium); .ci/run installs it.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StatusPageInBrowserTest {


    @Inject
    OfferDecisions decisions;

    @Test
    void headlessChromiumShowsTheProviderGroupsTheTimelineAndTheChart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        decisions.decide(Offers.offer("browser-oracle-" + run).provider("oracle").gpus(64_000)
                .validUntil(Offers.DEADLINE.minus(Duration.ofDays(3))).build());
        decisions.decide(Offers.offer("browser-google-" + run).provider("google").gpus(30_000).build());
        decisions.decide(Offers.offer("browser-stargate-" + run).provider("stargate").workload(firstrefusal.offer.Workload.PRODUCT).build());

        String url = "http://localhost:" + TestPorts.page() + "/?asOf=" + Offers.RECEIVED.plus(Duration.ofDays(3));
        String dom = chromium("--dump-dom", url);

        assertThat(dom).contains("id=\"provider-oracle\"", "id=\"provider-google\"", "id=\"provider-stargate\"");
        assertThat(dom).contains("<svg id=\"gpu-chart\"").contains("class=\"chart-bar\"");
        assertThat(dom).contains("<svg id=\"deadline-timeline\"", "class=\"tl-now\"", "class=\"tl-valid\"", "class=\"tl-bar risk\"");
        assertThat(dom).contains("browser-oracle-" + run, "Microsoft Azure must MATCH or DECLINE by 2025-02-04 15:00 UTC");

        screenshot(url, "status-page.png", 1800);
    }

    @Test
    void headlessChromiumShowsTheDecisionRecordWithItsFilters() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        decisions.decide(Offers.offer("browser-record-" + run).provider("coreweave").build());
        decisions.decide(Offers.decline("browser-record-" + run, Offers.RECEIVED.plus(Duration.ofDays(2))));

        String url = "http://localhost:" + TestPorts.page() + "/decisions?provider=coreweave";
        String dom = chromium("--dump-dom", url);

        assertThat(dom).contains("<table id=\"decisions\"", "browser-record-" + run, "the holder declined", "HOLDER_DECLINED",
                "id=\"csv-link\"", "<option value=\"coreweave\" selected=\"\">CoreWeave</option>");
        screenshot(url, "decisions-page.png", 1400);
    }

    /**
     * A screenshot under target/ (or {@code -Dscreenshots.dir=src/docs}, to refresh the documentation's), checked to be a
     * real PNG of some size; look at it after the run.
     */
    static void screenshot(String url, String name, int height) throws Exception {
        Path screenshot = Path.of(System.getProperty("screenshots.dir", "target"), name).toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, "--window-size=1280," + height, url);
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** Runs Chromium headless the way this machine's closed network needs: no background traffic, fresh profile. */
    static String chromium(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(browser(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + command);
        }
        assertThat(process.exitValue()).as("Chromium exit code").isZero();
        return Files.readString(output);
    }

    private static String browser() {
        String configured = System.getProperty("browser.binary");
        if (configured != null) {
            return configured;
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "No Chromium on the PATH: install it (Debian: apt-get install chromium) or set -Dbrowser.binary"));
    }
}
