package firstrefusal.page;

import firstrefusal.support.Browser;
import firstrefusal.support.PageOverHttp;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A browser test of the page: one headless Chromium for the whole class, and page stories served over HTTP for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InBrowser extends OnPageStories {

    Browser chromium;

    @BeforeAll
    void launchTheBrowser() throws IOException {
        chromium = Browser.launch();
    }

    @AfterAll
    void closeTheBrowser() throws IOException {
        chromium.close();
    }

    /** A record of its own, its page served over HTTP on a free port; closing it stops the server and drops the record. */
    record Served(PageStory story, PageOverHttp http) implements AutoCloseable {

        static Served of(PageStory story) {
            return new Served(story, new PageOverHttp(story.page));
        }

        String url(String path) {
            return http.url(path);
        }

        @Override
        public void close() {
            http.close();
            story.close();
        }
    }
}
