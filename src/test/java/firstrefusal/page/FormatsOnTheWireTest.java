package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the record says to machines and spreadsheets, and what a refusal says: every instant in JSON and CSV in whole
 * seconds with {@code Z} (the product's own instants carry nanoseconds: a notice's, a write's), reasons that say lengths
 * of time in words as the page does, a refused withdrawal that dates itself and not the match it came after, and an
 * offer dated ahead whose notice left: the record and the page agree that the holder was told.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class FormatsOnTheWireTest extends OnPageStories {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An ISO-8601 instant with a fraction of a second: what a spreadsheet reads as text. */
    private static final Pattern FRACTION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d+Z");
    private static final Pattern ISO_DURATION = Pattern.compile("\\bPT?\\d+[DHMS]\\b");

    PageStory story;

    @BeforeEach
    void anEmptyRecord() {
        story = PageStory.empty(client, Agreement.of(policy), config, "formats");
    }

    @AfterEach
    void drop() {
        story.close();
    }

    @Test
    void everyInstantInJsonAndCsvIsInWholeSecondsAndEveryReasonSaysItsLengthsOfTimeInWords() throws Exception {
        Instant received = PageStory.NOW.minus(Duration.ofDays(2)).plusNanos(123_456_789);
        story.table.decisions().decide(Offers.offer("late-told-1").startDate("2027-06-01").receivedAt(received).build());
        // Told two hours and a fraction of a second after the window opened: NOTICE_LATE, its reason naming the notice grace.
        story.table.decisions().noticeSent(new Notice("late-told-1", 1, received.plus(Duration.ofHours(2)).plusNanos(987_654_321)));

        List<String> reasons = new ArrayList<>();
        for (String path : List.of("/api/decisions", "/api/outstanding", "/offers/late-told-1")) {
            String body = get(path, "application/json").body();
            assertThat(FRACTION.matcher(body).results().map(m -> m.group()).toList()).as("%s: instants with a fraction", path).isEmpty();
            JSON.readTree(body).findValues("reason").forEach(r -> reasons.add(r.asText()));
        }
        String csv = get("/decisions.csv", null).body();
        assertThat(FRACTION.matcher(csv).find()).as("CSV: instants with a fraction").isFalse();
        assertThat(csv.lines().skip(1)).allSatisfy(row -> assertThat(row).containsPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z,"));
        csv.lines().skip(1).forEach(reasons::add);

        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("more than 1 hour after the window opened"));
        assertThat(reasons).noneMatch(r -> ISO_DURATION.matcher(r).find());
        JsonNode late = JSON.readTree(get("/api/decisions", "application/json").body()).path("decisions").get(0);
        assertThat(late.path("rule").asText()).isEqualTo("NOTICE_LATE");
        assertThat(late.path("decidedAt").asText()).isEqualTo(received.plus(Duration.ofHours(2)).plusSeconds(1)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }

    @Test
    void aWithdrawalOfAMatchedOfferIsRefusedGivingItsOwnTimeAndTheMatchs() {
        Instant received = PageStory.NOW.minus(Duration.ofDays(3));
        story.table.decisions().decide(Offers.offer("matched-1").startDate("2027-06-01").receivedAt(received).build());
        story.table.decisions().decide(Offers.match("matched-1", received.plus(Duration.ofDays(1))));

        Instant withdrawn = received.plus(Duration.ofDays(2));
        assertThatThrownBy(() -> story.table.decisions().decide(Offers.withdrawal("matched-1", withdrawn)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("offerId: offer matched-1 is MATCHED_BY_HOLDER (HOLDER_MATCHED) since " + received.plus(Duration.ofDays(1))
                        + "; this withdrawal at " + withdrawn + " comes after that, and only a pending or approved offer can be withdrawn");
    }

    @Test
    void anOfferDatedSixMonthsAheadWhoseNoticeLeftReadsToldOnTheRecordAndOnThePage() {
        Instant ahead = PageStory.NOW.plus(Duration.ofDays(182));
        story.table.decisions().decide(Offers.offer("dated-ahead-1").startDate("2027-09-01").receivedAt(ahead).build());
        // notify tells the holder now, as the offer is recorded: months before the window the offer dates opens.
        story.table.decisions().noticeSent(new Notice("dated-ahead-1", 1, PageStory.NOW));

        OfferRecord record = story.table.store().load("dated-ahead-1").orElseThrow();
        assertThat(record.state().window().isProvisional()).as("the record holds the notice").isFalse();
        assertThat(record.state().window().noticedAt()).as("counted from the opening it came before").contains(ahead);
        String page = get("/offers/dated-ahead-1", null).body();
        assertThat(page).doesNotContain("has not been told")
                .contains("Microsoft Azure must MATCH or DECLINE by <span class=\"t\">" + Formats.utc(ahead.plus(Duration.ofDays(14))));
        assertThat(get("/api/outstanding", "application/json").body()).contains("\"awaitsNotice\":false");
    }

    private PageResponse get(String path, String accept) {
        return story.page.handle(new PageRequest("GET", path, Map.of(), accept));
    }
}
