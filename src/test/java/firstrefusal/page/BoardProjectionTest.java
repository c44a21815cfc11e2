package firstrefusal.page;

import static firstrefusal.page.BoardTest.told;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The board at a future instant is a projection: an offer whose deadline or own expiry falls before it no longer awaits
 * the holder, and the totals, the JSON and the headline count the same offers; the headline follows the version of the
 * agreement in force at the board's instant.
 */
class BoardProjectionTest {

    private static final Policy POLICY = TestPolicies.defaultContract();
    private static final Board.Layout LAYOUT = new Board.Layout(50, Duration.ofDays(3), 10);

    @Test
    void aFutureAsOfCountsOnlyWhatStillAwaitsTheHolderThenAndListsTheRestApart() throws Exception {
        Instant now = Offers.RECEIVED.plus(Duration.ofDays(1));
        Instant ahead = Offers.DEADLINE.plus(Duration.ofDays(1));
        Fold fold = new Fold(Agreement.of(POLICY), Fold.Mode.RECORD);
        Board board = Board.of(List.of(told(Offers.offer("lapses").gpus(10_000)),
                told(Offers.offer("later").gpus(20_000).receivedAt(Offers.RECEIVED.plus(Duration.ofDays(5))))),
                List.of(), POLICY, fold, ahead, now, false, Duration.ofDays(120), LAYOUT);

        assertThat(board.projected()).isTrue();
        assertThat(board.rows()).extracting(r -> r.offer().offerId()).containsExactly("later");
        assertThat(board.offerCount()).isEqualTo(1);
        assertThat(board.gpus()).hasToString("20000");
        assertThat(board.decided().rows()).extracting(r -> r.offer().offerId()).containsExactly("lapses");
        assertThat(board.headline()).startsWith("Each offer below waits on Microsoft Azure, which has first refusal under version 2025-01-21");

        JsonNode json = new ObjectMapper().readTree(PageJson.board(board));
        assertThat(json.path("projected").asBoolean()).isTrue();
        assertThat(json.path("offers").asInt()).isEqualTo(1);
        assertThat(json.path("providers").findValues("offerId")).extracting(JsonNode::asText).containsExactly("later");
        assertThat(json.path("decidedByTime").findValues("offerId")).extracting(JsonNode::asText).containsExactly("lapses");
    }

    @Test
    void theHeadlineFollowsTheVersionInForceAtTheBoardsInstant() {
        Instant effective = Offers.RECEIVED.plus(Duration.ofDays(30));
        Amendment revision = ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, POLICY).orElseThrow().at(effective);
        Fold fold = new Fold(Agreement.of(POLICY, List.of(revision)), Fold.Mode.RECORD);

        Board before = Board.of(List.of(), List.of(), POLICY, fold, effective.minusSeconds(1), effective, false, Duration.ofDays(120), LAYOUT);
        Board after = Board.of(List.of(), List.of(), POLICY, fold, effective, effective, false, Duration.ofDays(120), LAYOUT);

        assertThat(before.firstRefusal()).isTrue();
        assertThat(before.headline()).isEqualTo("No offer waits on Microsoft Azure, which has first refusal under version 2025-01-21"
                + " of the agreement: it may match an offer within its window, or let it go to the buyer.");
        assertThat(after.firstRefusal()).isFalse();
        assertThat(after.headline()).isEqualTo("Under version 2025-10-28 of the agreement Microsoft Azure has no right of first"
                + " refusal on new capacity: no offer waits on it.").doesNotContain("has first refusal");
        assertThat(Board.headline(fold.deployments().current().policyAt(effective), 2)).contains("only because its window opened"
                + " under an earlier version");
    }
}
