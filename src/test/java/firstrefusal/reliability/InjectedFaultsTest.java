package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.domain.decisions.ConcurrentChangeException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FaultInjectionProfile;
import firstrefusal.support.FaultInjector;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import firstrefusal.support.SqsQueue;
import firstrefusal.support.WireMessages;
import firstrefusal.support.WithNotices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DynamoDB throttling, transaction conflicts and lost responses, injected into the application's own
 * client (see {@link FaultInjector}) while SQS batches run. Throttling is the SDK's to retry, with
 * backoff; a cancelled transaction is the service's (it decides again against a fresh read, with
 * backoff); a lost response is retried by the SDK with the same request token, so it is not written
 * twice. Whatever happens, a record is only ever reported done once its effect is in the table.
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@TestProfile(FaultInjectionProfile.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class InjectedFaultsTest extends OnItsOwnTable {

    private static final Logger LOG = Logger.getLogger(InjectedFaultsTest.class);
    private static final int MESSAGES = Integer.getInteger("reliability.fault-messages", 600);
    private static final long SEED = 99;
    /** DecisionService.MAX_ATTEMPTS: how often a cancelled write is decided again before the message fails. */
    private static final int SERVICE_ATTEMPTS = 8;

    @AfterEach
    void disarm() {
        FaultInjector.disarm();
    }

    @Test
    void throttlingConflictsAndLostResponsesAreRetriedAndNoRecordIsReportedDoneBeforeItIsDurable() throws Exception {
        List<LogItem> messages = MessageCorpus.generate("faults", MESSAGES, SEED);
        List<Events.Sent> deliveries = AtLeastOnceDeliveryTest.withDuplicates(messages, new Random(SEED));
        AtomicInteger checked = new AtomicInteger();
        FaultInjector.arm(new FaultInjector.Plan(table.name(), 0.05, 0.10, 0.05));

        SqsQueue.Report delivery = new SqsQueue(new WithNotices(table.function(), table.decisions()), 10, 4, SEED)
                .drainSent(deliveries, 15, (processed, failed) -> {
                    for (String body : processed) {
                        assertDurable(body);
                        checked.incrementAndGet();
                    }
                });
        FaultInjector.Counts faults = FaultInjector.counts();
        FaultInjector.disarm();

        OrderedReplay reference = new OrderedReplay(policy, messages);
        assertThat(reference.refused()).as("dead letters are refused in order too")
                .containsAll(AtLeastOnceDeliveryTest.described(delivery.deadLetters()));
        reference.assertTableMatches(table);
        assertThat(faults.throttled()).isPositive();
        assertThat(faults.conflicts()).isPositive();
        assertThat(faults.lostResponses()).isPositive();
        assertThat(faults.sdkRetries()).as("throttled and lost attempts the SDK retried").isPositive();
        assertThat(faults.meanSdkRetryDelayMillis()).as("the SDK backs off before it retries").isGreaterThan(10);
        assertThat(faults.serviceRetries()).as("cancelled writes decided again").isGreaterThanOrEqualTo(faults.conflicts());
        assertThat(faults.meanServiceRetryDelayMillis()).as("the service backs off before it decides again").isGreaterThan(1);

        LOG.infof("injected faults: %d messages, %d deliveries, %d rounds, %d records reported failed and redelivered, "
                        + "%d records checked durable when reported done; %d DynamoDB attempts: %d throttled, %d transaction "
                        + "conflicts, %d lost responses; %d SDK retries (mean backoff %.0f ms), %d decided again after a "
                        + "cancelled write (mean backoff %.1f ms), %d calls failed after the SDK's retries; %d ms",
                messages.size(), deliveries.size(), delivery.rounds(), delivery.reportedFailures(), checked.get(),
                faults.attempts(), faults.throttled(), faults.conflicts(), faults.lostResponses(), faults.sdkRetries(),
                faults.meanSdkRetryDelayMillis(), faults.serviceRetries(), faults.meanServiceRetryDelayMillis(),
                faults.callsFailedAfterRetries(), delivery.elapsed().toMillis());
    }

    @Test
    void aWriteThatKeepsConflictingIsDecidedAgainEightTimesThenFailsAndWritesNothing() throws Exception {
        FaultInjector.arm(new FaultInjector.Plan(table.name(), 0, 1, 0));
        String offer = WireMessages.json(Offers.offer("always-conflicting").build());

        assertThat(invoke(Events.sqs(List.of(offer))).get("batchItemFailures").findValuesAsText("itemIdentifier"))
                .containsExactly("m-0");
        assertThat(FaultInjector.counts().conflicts()).isEqualTo(SERVICE_ATTEMPTS);
        assertThatThrownBy(() -> invoke(offer)).isInstanceOf(ConcurrentChangeException.class);
        assertThat(table.audit().offers()).isZero();
        assertThat(table.audit().historyItems()).isZero();
    }

    /** The message is kept on record: with the history entry it caused, or as an item of its own (a late answer). */
    private void assertDurable(String body) {
        LogItem item = AtLeastOnceDeliveryTest.item(body);
        OfferRecord record = FaultInjector.exempt(() -> table.store().load(item.offerId()))
                .orElseThrow(() -> new AssertionError(item.key() + " reported done, but offer " + item.offerId() + " is not on record"));
        boolean recorded = record.kept(item.key()).isPresent()
                || item.key().startsWith("withdrawal:") && record.log().stream().anyMatch(k -> k.item().key().startsWith("withdrawal:"));
        assertThat(recorded).as("%s of %s reported done: it must be kept in the table", item.key(), item.offerId()).isTrue();
    }

    private JsonNode invoke(String event) throws Exception {
        return invoke(table, event);
    }

    /** The decide function of {@code table}, invoked as Lambda would with {@code event}; its answer. */
    static JsonNode invoke(FreshTable table, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.function().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return WireMessages.JSON.readTree(out.toByteArray());
    }
}
