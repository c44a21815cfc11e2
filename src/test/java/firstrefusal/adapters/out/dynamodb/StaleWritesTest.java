package firstrefusal.adapters.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.decisions.ConcurrentChangeException;
import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's promise to the service (OfferStore#record): a change decided on a version that has moved
 * on is refused, so the service decides again and answers from what is really recorded. Two
 * invocations that read the same version and reach the same change (two clock ticks, or two copies of
 * one message handled at once) must not both be told they wrote it.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StaleWritesTest extends OnItsOwnTable {

    Adjudicator decider;

    @Override
    protected FreshTable newTable() {
        return FreshTable.create(client, TestPolicies.withoutNotices(), "stale-writes");
    }

    @BeforeEach
    void setUp() {
        decider = new Adjudicator(TestPolicies.withoutNotices());
    }

    @Test
    void theSameChangeWrittenTwiceOverOneVersionIsRefusedTheSecondTime() {
        table.decisions().decide(Offers.offer("twice").build());
        Optional<OfferRecord> read = table.store().load("twice");
        Outcome first = decider.decide(Delivery.direct(Offers.match("twice", Offers.DEADLINE.minus(Duration.ofDays(1)))), read, Instant.now());
        Outcome second = decider.decide(Delivery.direct(Offers.match("twice", Offers.DEADLINE.minus(Duration.ofDays(1)))), read, Instant.now());

        table.store().record((Outcome.Changed) first);

        assertThatThrownBy(() -> table.store().record((Outcome.Changed) second)).isInstanceOf(ConcurrentChangeException.class);
        assertThat(table.store().load("twice").orElseThrow().history()).hasSize(2);
    }

    @Test
    void twoClockTicksThatReadTheSameVersionReportTheLapseOnce() {
        table.decisions().decide(Offers.offer("lapsing").build());
        var pending = table.store().load("lapsing").orElseThrow().state();
        var now = Offers.DEADLINE.plus(Duration.ofHours(1));

        table.store().record(decider.onClock(pending, now, now).orElseThrow());

        assertThatThrownBy(() -> table.store().record(decider.onClock(pending, now, now).orElseThrow()))
                .isInstanceOf(ConcurrentChangeException.class);
    }
}
