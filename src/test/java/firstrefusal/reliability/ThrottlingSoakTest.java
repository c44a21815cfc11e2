package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.FaultInjectionProfile;
import firstrefusal.support.FaultInjector;
import firstrefusal.support.OnItsOwnTable;
import firstrefusal.support.WireMessages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Soak only (the {@code soak} profile; the default run leaves out every {@code *SoakTest}): throttling that outlasts
 * the SDK's retries keeps one record busy until the 10 s cap on a call (api-call-timeout), then fails the record and
 * writes nothing. Ten seconds of waiting buys the default run nothing that {@link InjectedFaultsTest} does not show.
 */
@QuarkusTest
@TestProfile(FaultInjectionProfile.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ThrottlingSoakTest extends OnItsOwnTable {

    private static final Logger LOG = Logger.getLogger(ThrottlingSoakTest.class);

    @AfterEach
    void disarm() {
        FaultInjector.disarm();
    }

    @Test
    void throttlingThatOutlastsTheSdkRetriesFailsTheRecordAndWritesNothing() throws Exception {
        FaultInjector.arm(new FaultInjector.Plan(table.name(), 1, 0, 0));
        String offer = WireMessages.json(Offers.offer("always-throttled").build());
        long started = System.nanoTime();

        assertThat(InjectedFaultsTest.invoke(table, Events.sqs(List.of(offer))).get("batchItemFailures")
                .findValuesAsText("itemIdentifier")).containsExactly("m-0");
        FaultInjector.Counts faults = FaultInjector.counts();
        assertThat(faults.callsFailedAfterRetries()).isEqualTo(1);
        assertThat(faults.sdkRetries()).as("throttled attempts the SDK retried").isPositive();
        assertThat(table.audit().offers()).isZero();
        LOG.infof("throttled throughout: the SDK tried %d times over %d ms, then the record was reported failed",
                faults.throttled(), (System.nanoTime() - started) / 1_000_000);
    }
}
