package firstrefusal.domain.fold;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Ties in event time (src/docs/contract.md, "One fold, in event time"): at one instant the first revision, then notices,
 * then holder answers, then withdrawals, then later revisions, then what time decides (expiry, then lapse, then
 * release); then the item's key. Each tie, in both processing orders, ends the same way.
 */
class TieOrderTest {

    private static final Policy POLICY = TestPolicies.defaultContract();
    private static final Instant R = Offers.RECEIVED;
    private static final Instant T = R.plus(Duration.ofDays(3));

    @Test
    void aNoticeAtTheInstantTheOfferArrivesCountsFromItsOpening() {
        Decision end = assertEnds(Rule.FIRST_REFUSAL_LAPSED, Agreement.of(POLICY), Offers.offer("o").build(), new Notice("o", 1, R));
        assertThat(end.decidedAt()).as("the deadline stands: the holder was told as the window opened").isEqualTo(Offers.DEADLINE);
    }

    @Test
    void aWithdrawalAtTheInstantOfTheHoldersAnswerComesAfterIt() {
        assertEnds(Rule.HOLDER_MATCHED, Agreement.of(POLICY), Offers.offer("o").build(), new Notice("o", 1, R), Offers.match("o", T),
                new Withdrawal("o", T));
    }

    @Test
    void aRevisionAtTheInstantOfAWithdrawalComesAfterItAndIsDecidedAsNew() {
        CapacityOffer revision = Offers.offer("o").revision(2).receivedAt(T).price("1.00").build();
        assertEnds(Rule.FIRST_REFUSAL_REQUIRED, Agreement.of(POLICY), Offers.offer("o").build(), new Notice("o", 1, R),
                new Withdrawal("o", T), revision);
    }

    @Test
    void anAnswerAtTheInstantOfARevisionAnswersTheWindowBeforeItAndTheRevisionReopensFirstRefusal() {
        CapacityOffer revision = Offers.offer("o").revision(2).receivedAt(T).price("1.00").build();
        assertEnds(Rule.MATERIAL_CHANGE, Agreement.of(POLICY), Offers.offer("o").build(), new Notice("o", 1, R),
                new HolderResponse("r-1", "o", "azure", Answer.DECLINE, T), revision);
    }

    @Test
    void anOfferWhoseValidUntilIsItsDeadlineExpiresRatherThanLapses() {
        assertEnds(Rule.OFFER_EXPIRED, Agreement.of(POLICY), Offers.offer("o").validUntil(Offers.DEADLINE).build(), new Notice("o", 1, R));
    }

    @Test
    void aReleaseAtTheDeadlineComesAfterTheLapse() {
        Amendment releasing = new Amendment("released", Offers.DEADLINE, Amendment.Changes.none(), Amendment.PendingOffers.RELEASE, List.of());
        assertEnds(Rule.FIRST_REFUSAL_LAPSED, Agreement.of(POLICY, List.of(releasing)), Offers.offer("o").build(), new Notice("o", 1, R));
    }

    @Test
    void anExpiryAtTheInstantOfAReleaseComesFirst() {
        Instant at = R.plus(Duration.ofDays(5));
        Amendment releasing = new Amendment("released", at, Amendment.Changes.none(), Amendment.PendingOffers.RELEASE, List.of());
        assertEnds(Rule.OFFER_EXPIRED, Agreement.of(POLICY, List.of(releasing)), Offers.offer("o").validUntil(at).build(),
                new Notice("o", 1, R));
    }

    @Test
    void twoAnswersAtOneInstantTakeTheOneWhoseIdSortsFirst() {
        assertEnds(Rule.HOLDER_DECLINED, Agreement.of(POLICY), Offers.offer("o").build(), new Notice("o", 1, R),
                new HolderResponse("r-b", "o", "azure", Answer.MATCH, T), new HolderResponse("r-a", "o", "azure", Answer.DECLINE, T));
    }

    /**
     * The messages processed in the order given and in reverse (the first revision first), each ending on {@code rule}
     * after a clock tick long after, with the same steps in event order; the decision they end on.
     */
    private static Decision assertEnds(Rule rule, Agreement agreement, Object... messages) {
        List<LogItem> items = new ArrayList<>();
        for (Object m : messages) {
            items.add(m instanceof LogItem i ? i : Delivery.direct((firstrefusal.domain.offer.OfferMessage) m));
        }
        List<LogItem> reversed = new ArrayList<>(items.subList(1, items.size()).reversed());
        reversed.addFirst(items.getFirst());
        List<List<Rule>> steps = new ArrayList<>();
        Decision last = null;
        for (List<LogItem> order : List.of(items, reversed)) {
            Adjudicator rules = new Adjudicator(agreement);
            OfferRecord record = null;
            Instant clock = R;
            for (LogItem item : order) {
                clock = clock.plusSeconds(1);
                try {
                    Outcome outcome = rules.decide(item, Optional.ofNullable(record), clock);
                    record = outcome instanceof Outcome.Changed change ? InMemoryRecords.after(record, change) : record;
                } catch (firstrefusal.domain.offer.InvalidMessageException refused) {
                    // refused where it stands in this order: the fold of the others decides
                }
            }
            OfferRecord done = record;
            Decision end = rules.onClock(done.state(), R.plus(Duration.ofDays(60)), R.plus(Duration.ofDays(60)))
                    .map(Outcome.Changed::answer).orElse(done.state().decision());
            assertThat(end.rule()).as("processed as %s", order).isEqualTo(rule);
            steps.add(rules.fold().of(done).steps().stream().map(step -> step.decision().rule()).toList());
            last = end;
        }
        assertThat(steps.get(1)).as("the same steps in event order, whichever order they were processed in").isEqualTo(steps.get(0));
        return last;
    }
}
