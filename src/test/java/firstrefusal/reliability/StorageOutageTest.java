package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.dev.DynamoDbLocal;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FreshTable;
import firstrefusal.support.SqsQueue;
import firstrefusal.support.TableAudit;
import firstrefusal.support.WithNotices;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The storage guarantees (src/docs/contract.md, "Storage") when storage goes away: DynamoDB Local (on disk, so a restart keeps what was committed) is
 * stopped from another thread while SQS batches are being decided, with a transaction on the wire,
 * and restarted on the same port. The batches must report the records that failed, no offer may be
 * left half-written (state without history or the reverse), and redelivering the failed records
 * must bring the table to exactly what an ordered replay gives: no record lost.
 *
 * <p>A plain test with its own DynamoDB Local and client: the application's in-memory one would lose
 * everything on a restart. The client retries 3 times (the SDK's standard mode), so the outage outlasts
 * its retries and records do fail; the production default for DynamoDB (9 attempts) rides out blips of
 * a few seconds instead.
 */
@ExtendWith(ExpectedLogs.class)
class StorageOutageTest {

    private static final Logger LOG = Logger.getLogger(StorageOutageTest.class);
    private static final int MESSAGES = Integer.getInteger("reliability.outage-messages", 400);
    private static final int OUTAGES = Integer.getInteger("reliability.outages", 1);
    private static final long SEED = 4242;
    /** The first outage starts as this transaction goes out, each further one this many transactions later. */
    private static final int STOP_AT_TRANSACTION = 150;
    private static final int BETWEEN_OUTAGES = 1_000;
    private static final Duration DOWN_FOR = Duration.ofMillis(1500);

    @TempDir
    Path data;

    private DynamoDbLocal server;
    private DynamoDbClient client;

    @AfterEach
    void stopEverything() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void storageStoppedMidBatchAndRestartedLosesNoRecordAndLeavesNoOfferHalfWritten() throws Exception {
        int port = DynamoDbLocalResource.freePort();
        server = DynamoDbLocal.startOnDisk(port, data);
        List<CountDownLatch> transactionOnTheWire = Stream.generate(() -> new CountDownLatch(1)).limit(OUTAGES).toList();
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger failedCalls = new AtomicInteger();
        client = client(port, new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    int n = transactions.incrementAndGet() - STOP_AT_TRANSACTION;
                    if (n >= 0 && n % BETWEEN_OUTAGES == 0 && n / BETWEEN_OUTAGES < OUTAGES) {
                        transactionOnTheWire.get(n / BETWEEN_OUTAGES).countDown();
                    }
                }
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                failedCalls.incrementAndGet();
            }
        });
        Policy policy = TestPolicies.defaultContract();
        FreshTable table = FreshTable.create(client, policy, "outage");
        List<LogItem> messages = MessageCorpus.generate("outage", MESSAGES, SEED);
        List<Events.Sent> deliveries = AtLeastOnceDeliveryTest.withDuplicates(messages, new Random(SEED));

        AtomicReference<Duration> outage = new AtomicReference<>(Duration.ZERO);
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            try {
                for (CountDownLatch next : transactionOnTheWire) {
                    next.await();
                    long down = System.nanoTime();
                    server.close();
                    Thread.sleep(DOWN_FOR.toMillis());
                    server = DynamoDbLocal.startOnDisk(port, data);
                    outage.accumulateAndGet(Duration.ofNanos(System.nanoTime() - down), Duration::plus);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SqsQueue queue = new SqsQueue(new WithNotices(table.function(), table.decisions()), 25, 2, SEED);
        SqsQueue.Report firstRound = queue.drainSent(deliveries, 1, (processed, failed) -> { });
        assertThat(transactions.get()).as("transactions sent: enough for every outage")
                .isGreaterThan(STOP_AT_TRANSACTION + (OUTAGES - 1) * BETWEEN_OUTAGES);
        operator.get(60, TimeUnit.SECONDS);
        int failedDuringOutage = failedCalls.get();

        TableAudit.Report afterOutage = table.audit();
        assertThat(afterOutage.problems()).as("offers half-written by the outage").isEmpty();
        assertThat(failedDuringOutage).as("DynamoDB calls that failed after the client's retries").isPositive();
        assertThat(firstRound.deadLetters()).as("records the batches reported failed").isNotEmpty();

        SqsQueue.Report redelivery = queue.drainSent(firstRound.unprocessed(), 10, (processed, failed) -> { });
        OrderedReplay reference = new OrderedReplay(policy, messages);
        assertThat(reference.refused()).as("records still failing are refused in order too")
                .containsAll(AtLeastOnceDeliveryTest.described(redelivery.deadLetters()));

        TableAudit.Report audit = reference.assertTableMatches(table);
        LOG.infof("outage: %d messages, %d deliveries; DynamoDB Local stopped %d time(s), first as transaction %d went out, "
                        + "down %d ms in all; %d DynamoDB calls failed after retries; round 1 reported %d records failed (%d offers and %d "
                        + "history items on disk then, none half-written); redelivery took %d rounds; %d offers, %d history "
                        + "items at the end, equal to the ordered replay; records lost: 0",
                messages.size(), deliveries.size(), OUTAGES, STOP_AT_TRANSACTION, outage.get().toMillis(), failedDuringOutage,
                firstRound.deadLetters().size(), afterOutage.offers(), afterOutage.historyItems(), redelivery.rounds(),
                audit.offers(), audit.historyItems());
    }

    private static DynamoDbClient client(int port, ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(5)).build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor).retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
