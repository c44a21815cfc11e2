package firstrefusal.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through Selenium WebDriver and the system's chromedriver, so a test can ask the
 * browser what it laid out (widths, the rendered text, the DOM after parsing), take screenshots, and audit a page with
 * axe-core. Needs Chromium and chromedriver on the PATH (Debian: {@code apt-get install chromium chromium-driver}), or
 * {@code -Dbrowser.binary} and {@code -Dwebdriver.chrome.driver}; .ci/run installs both.
 *
 * <p>Nothing is downloaded: the driver is named before Selenium looks for one, so Selenium Manager (which would fetch a
 * driver or a browser over the network) is never run, and the browser starts with its background traffic off.
 */
public final class Browser implements AutoCloseable {

    /** What the audit holds every page to: WCAG 2.1 A and AA, and axe-core's best practices. */
    public static final List<String> AUDIT_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    /**
     * Selenium warns at every start that it has no DevTools binding for this Chromium's version: the tests use none (the
     * two DevTools commands they send go through chromedriver), so the warning says nothing. Held here, so it stays set.
     */
    private static final Logger DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a headless Chromium the way this machine's closed network needs: no background traffic, a fresh profile. */
    public static Browser launch() throws IOException {
        DEVTOOLS.setLevel(Level.SEVERE);
        String driverPath = onPath("webdriver.chrome.driver", "chromedriver");
        // Selenium reads the driver from this property before it would ask Selenium Manager for one.
        System.setProperty("webdriver.chrome.driver", driverPath);
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(onPath("browser.binary", "chromium", "chromium-browser", "google-chrome"))
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                        "--hide-scrollbars", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile);
    }

    /** Loads {@code url} in a viewport of the given size and waits until it has loaded. */
    public Page open(String url, int width, int height) {
        viewport(width, height);
        driver.get(url);
        return new Page(width);
    }

    /** The page the browser shows: what a test asks of it. */
    public final class Page {

        private final int width;

        private Page(int width) {
            this.width = width;
        }

        /** The value of a JavaScript expression evaluated in the page (the page itself runs no script of its own). */
        public Object eval(String expression) {
            return driver.executeScript("return " + expression + ";");
        }

        public String string(String expression) {
            return String.valueOf(eval(expression));
        }

        public long number(String expression) {
            return ((Number) eval(expression)).longValue();
        }

        /** The text content of every element the selector finds, trimmed, in document order. */
        public List<String> texts(String selector) {
            List<String> texts = new ArrayList<>();
            for (Object text : (List<?>) eval("[...document.querySelectorAll('" + selector + "')].map(e => e.textContent.trim())")) {
                texts.add(String.valueOf(text));
            }
            return texts;
        }

        /** Clicks the element as a person would, and waits for the page it leads to to load. */
        public Page click(String selector) {
            WebElement element = driver.findElement(By.cssSelector(selector));
            element.click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(element));
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            return this;
        }

        /** Where the browser is now. */
        public String url() {
            return driver.getCurrentUrl();
        }

        /** The text as rendered, as a reader sees it (hidden elements and attribute values left out). */
        public String text() {
            return string("document.body.innerText");
        }

        /** The whole page, top to bottom, at the page's width, as PNG. */
        public byte[] screenshot() {
            viewport(width, (int) Math.ceil(((Number) eval("document.documentElement.scrollHeight")).doubleValue()));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
            return Base64.getDecoder().decode((String) shot.get("data"));
        }

        /** axe-core's audit of the page as it stands, against {@link #AUDIT_TAGS}. */
        public Audit audit() {
            Results results = new AxeBuilder().withTags(AUDIT_TAGS).analyze(driver);
            if (results.isErrored()) {
                throw new IllegalStateException("axe-core could not audit " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
            }
            List<String> violations = new ArrayList<>();
            for (Rule rule : results.getViolations()) {
                rule.getNodes().forEach(node -> violations.add(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + node.getTarget() + " " + node.getFailureSummary()));
            }
            return new Audit(violations, results.getPasses().size(), results.getIncomplete().stream().map(Rule::getId).toList());
        }
    }

    /**
     * What axe-core found on one page.
     *
     * @param violations one line per element at fault: the impact, the rule, what it asks and where
     * @param passed     the rules the page passes
     * @param toReview   the rules axe-core could not decide alone (it asks a person to look), never counted as violations
     */
    public record Audit(List<String> violations, int passed, List<String> toReview) {
    }

    private void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** The path a system property names, or the first of {@code names} found on the PATH. */
    private static String onPath(String property, String... names) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return configured;
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + names[0] + " on the PATH: install it (Debian: apt-get install chromium"
                        + " chromium-driver) or set -D" + property));
    }
}
