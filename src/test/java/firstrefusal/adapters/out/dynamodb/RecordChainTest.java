package firstrefusal.adapters.out.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.record.ChainOlderRecords;
import firstrefusal.domain.record.ChainStore;
import firstrefusal.domain.record.HashChain;
import firstrefusal.domain.record.OfferProof;
import firstrefusal.support.ChainAudit;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item appended to an offer's record joins its hash chain, on DynamoDB Local: decisions, kept messages, notices and
 * reminders, each with its seq and hash, the head moved in the same write. The chain is recomputed from the table by the
 * test's own reading ({@link ChainAudit}), not the product's; two writers racing never fork it; and records written
 * before the chain are chained by the clock, once, in bounded passes, their proofs saying since when.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class RecordChainTest extends OnItsOwnTable {

    private static final Instant RECEIVED = Offers.RECEIVED;
    private static final Instant DEADLINE = Offers.DEADLINE;

    @Override
    protected FreshTable newTable() {
        return FreshTable.create(client, policy, ReminderSchedule.parse("P3D,PT24H"), "record-chain");
    }

    @Test
    void everyKindOfItemAnOfferAppendsJoinsItsChainWhichTheTablesOwnAttributesVerify() {
        // Matched: the offer, its notice, a reminder, the answer.
        table.decisions().decide(Offers.offer("matched").build());
        table.decisions().noticeSent(new Notice("matched", 1, RECEIVED));
        table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofDays(2))));
        table.decisions().decide(Offers.match("matched", DEADLINE.minus(Duration.ofDays(1))));
        // Lapsed, then answered late: the lapse by time, and the late answer kept as an item of its own.
        table.decisions().decide(Offers.offer("late").build());
        table.decisions().noticeSent(new Notice("late", 1, RECEIVED));
        table.decisions().decide(Offers.match("late", DEADLINE.plus(Duration.ofDays(2))));
        // Withdrawn.
        table.decisions().decide(Offers.offer("withdrawn").build());
        table.decisions().decide(Offers.withdrawal("withdrawn", RECEIVED.plus(Duration.ofDays(1))));

        assertThat(kinds("matched")).containsExactly("HISTORY", "NOTICE", "REMINDER", "HISTORY");
        assertThat(kinds("late")).contains("HISTORY", "NOTICE", "MESSAGE");
        assertThat(kinds("withdrawn")).containsExactly("HISTORY", "HISTORY");
        for (String offerId : List.of("matched", "late", "withdrawn")) {
            ChainAudit.Stored stored = ChainAudit.read(client, table.name(), offerId);
            assertThat(ChainAudit.check(stored)).as("%s, as the test reads the table", offerId).isEmpty();
            OfferProof proof = table.proofs().of(offerId).orElseThrow();
            assertThat(proof.verified()).as("%s, as the product checks it: %s", offerId, proof.problem()).isTrue();
            assertThat(proof.proof().orElseThrow().items()).extracting(HashChain.Link::canonical)
                    .as("the product's canonical forms are the table's attributes, every one but hash")
                    .containsExactlyElementsOf(stored.chained().stream().map(ChainAudit::canonical).toList());
            assertThat(proof.proof().orElseThrow().head().seq()).isEqualTo(stored.chained().size());
        }
    }

    @Test
    void twoWritersRacingOnOneOfferNeverForkItsChain() throws Exception {
        table.decisions().decide(Offers.offer("raced").validUntil(DEADLINE.plus(Duration.ofDays(60))).build());
        table.decisions().noticeSent(new Notice("raced", 1, RECEIVED));
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 8; round++) {
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<?>> done = new ArrayList<>();
                int revision = round + 2;
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        start.await();
                        if (writer == 0) {
                            // A revision of the same size and price, and its notice: the offer still pending, its leads due
                            // again.
                            Instant received = RECEIVED.plus(Duration.ofMinutes(revision));
                            table.decisions().decide(Offers.offer("raced").revision(revision)
                                    .validUntil(DEADLINE.plus(Duration.ofDays(60))).receivedAt(received).build());
                            table.decisions().noticeSent(new Notice("raced", revision, received));
                        } else {
                            // Clocks: both reminder leads are due; each reminder moves the head.
                            table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofHours(20)).plusSeconds(writer)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        ChainAudit.Stored stored = ChainAudit.read(client, table.name(), "raced");
        assertThat(stored.chained()).as("a revision and its notice a round, and reminders between").hasSizeGreaterThan(20);
        assertThat(stored.chained()).as("reminders among them").anyMatch(i -> i.get("sk").s().startsWith("REMINDER#"));
        assertThat(ChainAudit.check(stored)).as("one chain, every seq once, the head its last").isEmpty();
        assertThat(table.proofs().of("raced").orElseThrow().verified()).isTrue();
    }

    @Test
    void recordsOlderThanTheChainAreChainedOnceByTheClockInBoundedPassesAndSaySince() {
        for (int i = 1; i <= 5; i++) {
            table.decisions().decide(Offers.offer("older-" + i).build());
            table.decisions().noticeSent(new Notice("older-" + i, 1, RECEIVED));
        }
        List.of(1, 2, 3, 4, 5).forEach(i -> unchain("older-" + i));
        assertThat(table.proofs().of("older-1").orElseThrow().chained()).isFalse();
        // A release that knows the chain writes to an unchained record without chaining it: the clock does that.
        table.decisions().decide(Offers.match("older-1", RECEIVED.plus(Duration.ofDays(1))));
        assertThat(ChainAudit.read(client, table.name(), "older-1").chained()).as("written, not chained").isEmpty();

        // Two index items a page, one page a tick: a pass of many ticks, each going on where the last stopped.
        ChainOlderRecords chore = new ChainOlderRecords(table.chains(), 2, 1);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        chore.onTick(now);
        assertThat(table.chains().chainingProgress().next()).as("it goes on at the next tick").isPresent();
        int ticks = 1;
        while (table.chains().chainingProgress().completedAt().isEmpty() && ticks < 50) {
            now = now.plusSeconds(60);
            chore.onTick(now);
            ticks++;
        }
        assertThat(table.chains().chainingProgress().completedAt()).contains(now);
        assertThat(ticks).as("the offers' items in the replay index, two a tick").isBetween(5, 20);

        for (int i = 1; i <= 5; i++) {
            ChainAudit.Stored stored = ChainAudit.read(client, table.name(), "older-" + i);
            assertThat(ChainAudit.check(stored)).as("older-%d", i).isEmpty();
            OfferProof proof = table.proofs().of("older-" + i).orElseThrow();
            assertThat(proof.verified()).isTrue();
            assertThat(proof.chainedAt()).as("the chain holds from when the clock chained it").isPresent();
        }
        assertThat(kinds("older-1")).as("in the order they were recorded").containsExactly("HISTORY", "NOTICE", "HISTORY");
        // Chained: the next write links to the head, and the next pass waits a day.
        table.decisions().decide(Offers.match("older-2", RECEIVED.plus(Duration.ofDays(1))));
        assertThat(ChainAudit.check(ChainAudit.read(client, table.name(), "older-2"))).isEmpty();
        Instant completed = now;
        chore.onTick(now.plus(Duration.ofHours(1)));
        assertThat(table.chains().chainingProgress()).as("within a day of the last pass: none")
                .isEqualTo(new ChainStore.Progress(java.util.Optional.empty(), java.util.Optional.of(completed)));
        chore.onTick(now.plus(Duration.ofDays(1)).plusSeconds(1));
        assertThat(table.chains().chainingProgress().next()).as("a day on, the next pass starts").isPresent();
    }

    /** The offer as a release before the chain left it: no seq or hash on its items, no head on its state. */
    private void unchain(String offerId) {
        for (Map<String, AttributeValue> item : client.query(q -> q.tableName(table.name())
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#" + offerId))))
                .items()) {
            boolean state = item.get("sk").s().equals("STATE");
            client.updateItem(u -> u.tableName(table.name()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                    .updateExpression(state ? "REMOVE #a, #b, #c" : "REMOVE #a, #b")
                    .expressionAttributeNames(state ? Map.of("#a", "headSeq", "#b", "headHash", "#c", "undigested")
                            : Map.of("#a", "seq", "#b", "hash")));
        }
    }

    /** The kinds of the offer's chained items, in seq order. */
    private List<String> kinds(String offerId) {
        return ChainAudit.read(client, table.name(), offerId).chained().stream()
                .map(item -> item.get("sk").s().substring(0, item.get("sk").s().indexOf('#'))).toList();
    }
}
