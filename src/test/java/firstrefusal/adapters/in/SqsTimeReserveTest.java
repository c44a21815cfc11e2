package firstrefusal.adapters.in;

import static firstrefusal.support.Events.offer;
import static firstrefusal.support.Events.sqs;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import firstrefusal.domain.decisions.ConcurrentChangeException;
import firstrefusal.domain.decisions.DecisionPage;
import firstrefusal.domain.decisions.DecisionQuery;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Reminder;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.operations.Metrics;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SQS path's time reserve against a slow store that keeps losing races: every attempt at a message must start
 * with time left for its worst case, so the invocation hands the record back rather than being cut off mid-record by
 * Lambda's timeout (which would redeliver the whole batch). The slowness is injected around the real store, on a clock
 * the test controls: each write moves it on by its duration, and the invocation's time left is read from it, so the
 * figures are exact however slow the machine running the test is.
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class SqsTimeReserveTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-21T15:00:00Z");
    /** A scaled-down call timeout, so the test runs in seconds: the reserve is 2.5 calls, 500 ms. */
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(200);
    /** Each write takes this long, then is refused as if another event wrote first. */
    private static final Duration SLOW_WRITE = Duration.ofMillis(150);

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    private FreshTable table;
    private final List<Long> millisLeftAtEachAttempt = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createTable() {
        table = FreshTable.create(client, policy, "reserve");
    }

    @AfterEach
    void dropTable() {
        table.drop();
    }

    @Test
    void aRecordThatKeepsLosingRacesIsHandedBackBeforeTheDeadlineWithEveryAttemptStartedInsideTheReserve() throws Exception {
        java.util.concurrent.atomic.AtomicLong elapsed = new java.util.concurrent.atomic.AtomicLong();
        long deadline = 1_200;
        OfferStore slow = new SlowRacingStore(table.store(), () -> deadline - elapsed.get(), elapsed);
        DecideFunction function = new DecideFunction(new DecisionService(Agreement.of(policy), slow, ReminderSchedule.NONE,
                entry -> { }, Clock.systemUTC()), new Metrics(false), CALL_TIMEOUT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        function.handleRequest(new ByteArrayInputStream(sqs(List.of(offer("raced-1", RECEIVED, null), offer("raced-2", RECEIVED, null)))
                .getBytes(StandardCharsets.UTF_8)), out, until(() -> deadline - elapsed.get()));

        assertThat(out.toString(StandardCharsets.UTF_8)).as("both records handed back: the first gave up, the second never started")
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-0\"},{\"itemIdentifier\":\"m-1\"}]}");
        assertThat(millisLeftAtEachAttempt).as("every attempt at raced-1 started with its worst case (500 ms) left, one per"
                + " 150 ms write, until less than that was left").containsExactly(1_200L, 1_050L, 900L, 750L, 600L);
        assertThat(deadline - elapsed.get()).as("the invocation answered before its deadline").isEqualTo(450L);
        assertThat(table.audit().offers()).as("nothing written").isZero();
        assertThat(table.audit().historyItems()).isZero();
    }

    /** A Lambda context whose remaining time is what {@code left} says, as the real one counts down. */
    private static Context until(java.util.function.LongSupplier left) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis")
                        ? (int) Math.max(1, left.getAsLong()) : null);
    }

    /** The real store, whose writes are slow and always lose their race; reads note the time left when they start. */
    private final class SlowRacingStore implements OfferStore {

        private final OfferStore real;
        private final java.util.function.LongSupplier millisLeft;
        private final java.util.concurrent.atomic.AtomicLong elapsed;

        SlowRacingStore(OfferStore real, java.util.function.LongSupplier millisLeft, java.util.concurrent.atomic.AtomicLong elapsed) {
            this.real = real;
            this.millisLeft = millisLeft;
            this.elapsed = elapsed;
        }

        @Override
        public Optional<OfferRecord> load(String offerId) {
            millisLeftAtEachAttempt.add(millisLeft.getAsLong());
            return real.load(offerId);
        }

        @Override
        public void record(Outcome.Changed change) {
            elapsed.addAndGet(SLOW_WRITE.toMillis());
            throw new ConcurrentChangeException(change.next().offerId(), null);
        }

        @Override
        public Optional<OfferState> recordReminder(Reminder reminder, OfferState state) {
            return real.recordReminder(reminder, state);
        }

        @Override
        public List<OfferState> outstanding() {
            return real.outstanding();
        }

        @Override
        public StatePage offerStates(Optional<String> after, int limit) {
            return real.offerStates(after, limit);
        }

        @Override
        public DecisionPage decisions(DecisionQuery query, Optional<String> after, int limit, int maxReads) {
            return real.decisions(query, after, limit, maxReads);
        }

        @Override
        public boolean forEachOfferReceived(Optional<Instant> from, Optional<Instant> to, int atMost, Consumer<OfferRecord> offer) {
            return real.forEachOfferReceived(from, to, atMost, offer);
        }
    }
}
