package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.policy.Agreement;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every history entry that becomes durable is told once, whatever caused it: the operators' decision counts rest on
 * it. A message can record two entries (a late answer revealing a lapse records the lapse; a revision after the
 * deadline records the lapse first), the clock records its own, a duplicate records none.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class RecordedDecisionsTest extends OnItsOwnTable {

    final List<String> told = new ArrayList<>();
    DecisionService decisions;

    @BeforeEach
    void setUp() {
        decisions = new DecisionService(Agreement.of(policy), table.store(), ReminderSchedule.NONE,
                entry -> told.add(entry.decision().offerId() + " " + entry.decision().rule()), Clock.systemUTC());
    }

    @Test
    void eachRecordedEntryIsToldOnceWhateverCausedIt() {
        decisions.decide(Offers.offer("a").build());
        decisions.decide(Offers.offer("a").build());
        decisions.noticeSent(new Notice("a", 1, Offers.RECEIVED));
        decisions.decide(Offers.offer("b").build());
        decisions.noticeSent(new Notice("b", 1, Offers.RECEIVED));
        decisions.decide(Offers.match("b", Offers.DEADLINE.plus(Duration.ofDays(2))));
        decisions.decide(Offers.offer("c").build());
        decisions.noticeSent(new Notice("c", 1, Offers.RECEIVED));
        decisions.tick(new ClockTick(Offers.DEADLINE.plus(Duration.ofHours(1))));

        assertThat(told.subList(0, 4)).as("by the messages; the duplicate none").containsExactly("a FIRST_REFUSAL_REQUIRED",
                "b FIRST_REFUSAL_REQUIRED", "b FIRST_REFUSAL_LAPSED", "c FIRST_REFUSAL_REQUIRED");
        assertThat(told.subList(4, told.size())).as("by the clock").containsExactlyInAnyOrder("a FIRST_REFUSAL_LAPSED",
                "c FIRST_REFUSAL_LAPSED");
    }
}
