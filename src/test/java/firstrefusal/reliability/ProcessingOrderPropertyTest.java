package firstrefusal.reliability;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The property §11 of the contract rests on, through the pure decider (no storage, so thousands of orders): for random
 * offers and accepted message sets (answers, withdrawals, revisions, notices, arrivals late and early) plus clock ticks,
 * every processing order, with each refused message retried until nothing changes and the clock ticking once more at
 * the end, leaves each offer with the decision of the in-order replay, and of the what-if replay under the agreement in
 * force. The DynamoDB runs of the same corpus are {@link AtLeastOnceDeliveryTest} and {@link InjectedFaultsTest}.
 */
class ProcessingOrderPropertyTest {

    private static final Logger LOG = Logger.getLogger(ProcessingOrderPropertyTest.class);
    private static final Policy POLICY = TestPolicies.defaultContract();
    private static final int ITEMS = Integer.getInteger("reliability.property-items", 3_000);
    private static final int ORDERS = Integer.getInteger("reliability.property-orders", 20);
    private static final long SEED = Long.getLong("reliability.seed", 20250121L);
    /** After every item of the corpus: the clock's last tick. */
    private static final Instant END = MessageCorpus.ERA.plus(Duration.ofDays(500));

    /** Something to process: a log item, or a clock tick (which applies to the offer's record as the service's tick does). */
    private sealed interface Step permits Item, Tick {
    }

    private record Item(LogItem item) implements Step {
    }

    private record Tick(Instant at) implements Step {
    }

    private final Adjudicator decider = new Adjudicator(POLICY);
    private final Fold replay = new Fold(Agreement.of(POLICY), Fold.Mode.REPLAY);

    @Test
    void everyProcessingOrderEndsEachOfferAsTheInOrderReplayAndTheWhatIfReplayDo() {
        Random random = new Random(SEED);
        Map<String, List<LogItem>> byOffer = MessageCorpus.generate("prop", ITEMS, SEED).stream()
                .collect(Collectors.groupingBy(LogItem::offerId, LinkedHashMap::new, Collectors.toList()));
        int orders = 0;
        int corrected = 0;
        int retried = 0;
        for (Map.Entry<String, List<LogItem>> offer : byOffer.entrySet()) {
            List<Step> steps = new ArrayList<>(offer.getValue().stream().map(Item::new).toList());
            // Two ticks somewhere in the offer's life, the clock's own time, in among its messages.
            Instant first = offer.getValue().stream().map(LogItem::effectiveAt).min(Comparator.naturalOrder()).orElseThrow();
            for (int t = 0; t < 2; t++) {
                steps.add(new Tick(first.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)))));
            }
            OfferRecord inOrderRecord = process(inEventOrder(steps));
            if (inOrderRecord == null) {
                // Its first revision was refused (dated beyond the skew ahead of its arrival): in any order, nothing is kept.
                List<Step> shuffled = new ArrayList<>(steps);
                Collections.shuffle(shuffled, random);
                assertThat(new Run().process(shuffled)).as("%s, refused in order, in another order", offer.getKey()).isNull();
                continue;
            }
            Decision inOrder = inOrderRecord.state().decision();
            // The what-if replays what was kept: a message refused on arrival (dated beyond the skew ahead of its
            // arrival) is not on record.
            Decision replayed = replay.run(inOrderRecord.items(), Map.of(), Optional.of(END), null).decision();
            assertThat(replayed.sameOutcomeAs(inOrder)).as("%s: the what-if replay gives %s, the in-order replay %s",
                    offer.getKey(), OrderedReplay.describe(replayed), OrderedReplay.describe(inOrder)).isTrue();
            for (int order = 0; order < ORDERS; order++) {
                List<Step> shuffled = new ArrayList<>(steps);
                Collections.shuffle(shuffled, random);
                Run run = new Run();
                OfferRecord record = run.process(shuffled);
                assertThat(record.state().decision().sameOutcomeAs(inOrder)).as("%s processed as %s ends %s; in order it ends %s",
                        offer.getKey(), shuffled, OrderedReplay.describe(record.state().decision()), OrderedReplay.describe(inOrder))
                        .isTrue();
                List<String> causes = record.history().stream().map(e -> e.cause()).filter(c -> !c.equals(Fold.TIME)).toList();
                assertThat(causes).as("%s processed as %s: each message causes at most one entry", offer.getKey(), shuffled)
                        .doesNotHaveDuplicates();
                assertThat(record.history().getLast().decision()).isEqualTo(record.state().decision());
                orders++;
                corrected += record.history().stream().anyMatch(e -> e.isCorrection()) ? 1 : 0;
                retried += run.retries;
            }
        }
        assertThat(corrected).as("orders whose record was corrected: the property is not vacuous").isPositive();
        LOG.infof("processing order: %d offers, %d orders each (%d in all); %d records corrected, %d refused messages retried",
                byOffer.size(), ORDERS, orders, corrected, retried);
    }

    private static List<Step> inEventOrder(List<Step> steps) {
        return steps.stream().sorted(Comparator.comparing(ProcessingOrderPropertyTest::at)).toList();
    }

    private static Instant at(Step step) {
        return switch (step) {
            case Item i -> i.item().effectiveAt();
            case Tick t -> t.at();
        };
    }

    private OfferRecord process(List<Step> steps) {
        return new Run().process(steps);
    }

    /** One processing order: each step in turn, the refused ones retried until a pass changes nothing, then a last tick. */
    private final class Run {

        OfferRecord record;
        int retries;

        OfferRecord process(List<Step> steps) {
            List<Step> refused = new ArrayList<>();
            for (Step step : steps) {
                if (!apply(step)) {
                    refused.add(step);
                }
            }
            boolean progress = true;
            while (progress && !refused.isEmpty()) {
                progress = false;
                List<Step> again = new ArrayList<>();
                for (Step step : refused) {
                    retries++;
                    if (apply(step)) {
                        progress = true;
                    } else {
                        again.add(step);
                    }
                }
                refused = again;
            }
            apply(new Tick(END));
            return record;
        }

        /** False when the step was refused. */
        boolean apply(Step step) {
            try {
                Optional<Outcome.Changed> change = switch (step) {
                    case Item i -> decider.decide(i.item(), Optional.ofNullable(record), i.item().effectiveAt()) instanceof Outcome.Changed c
                            ? Optional.of(c) : Optional.empty();
                    case Tick t -> record == null ? Optional.empty() : decider.onClock(record.state(), new ClockTick(t.at()).now(), t.at());
                };
                change.ifPresent(c -> record = InMemoryRecords.after(record, c));
                return true;
            } catch (InvalidMessageException e) {
                return false;
            }
        }
    }
}
