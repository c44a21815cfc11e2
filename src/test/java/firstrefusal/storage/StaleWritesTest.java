package firstrefusal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.offer.ConcurrentChangeException;
import firstrefusal.offer.Delivery;
import firstrefusal.offer.OfferDecider;
import firstrefusal.policy.TestPolicies;
import java.time.Instant;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.Offers;
import firstrefusal.offer.Outcome;
import firstrefusal.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store's promise to the service (OfferStore#record): a change decided on a version that has moved
 * on is refused, so the service decides again and answers from what is really recorded. Two
 * invocations that read the same version and reach the same change (two clock ticks, or two copies of
 * one message handled at once) must not both be told they wrote it.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class StaleWritesTest {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    FreshTable table;
    OfferDecider decider;

    @BeforeEach
    void freshTable() {
        table = FreshTable.create(client, TestPolicies.withoutNotices(), "stale-writes");
        decider = new OfferDecider(TestPolicies.withoutNotices());
    }

    @AfterEach
    void dropTable() {
        table.drop();
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
