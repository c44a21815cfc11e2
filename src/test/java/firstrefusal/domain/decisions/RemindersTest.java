package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reminders against DynamoDB Local: one per offer revision and lead however many ticks run, one after the
 * other or at once; recorded without touching the offer's status, version or history; and found with a
 * read of pending offers only.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class RemindersTest extends OnItsOwnTable {

    private static final Instant DEADLINE = Offers.DEADLINE;

    @Override
    protected FreshTable newTable() {
        return FreshTable.create(client, policy, ReminderSchedule.parse("P3D,PT24H"), "reminders");
    }

    @Test
    void repeatedTicksSendEachLeadOnceAndTheSummaryListsTheOfferWhenOneWasSent() {
        pending(Offers.offer("reminded").build());

        List<ClockSummary> ticks = new ArrayList<>();
        for (Duration left : List.of(Duration.ofDays(4), Duration.ofDays(3), Duration.ofDays(2), Duration.ofHours(30),
                Duration.ofHours(24), Duration.ofHours(5), Duration.ofMinutes(1))) {
            ticks.add(table.decisions().tick(new ClockTick(DEADLINE.minus(left))));
        }

        assertThat(ticks).extracting(ClockSummary::reminded).containsExactly(
                List.of(), List.of("reminded"), List.of(), List.of(), List.of("reminded"), List.of(), List.of());
        assertThat(reminderKeys("reminded")).containsExactlyInAnyOrder("REMINDER#r1#P3D", "REMINDER#r1#PT24H");
    }

    @Test
    void concurrentTicksSendEachLeadOnce() throws Exception {
        IntStream.range(0, 5).forEach(i -> pending(Offers.offer("raced-" + i).build()));
        Instant now = DEADLINE.minus(Duration.ofHours(20)); // both leads are due at once

        List<ClockSummary> summaries = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Callable<ClockSummary>> ticks = IntStream.range(0, 4)
                    .mapToObj(i -> (Callable<ClockSummary>) () -> table.decisions().tick(new ClockTick(now))).toList();
            for (Future<ClockSummary> f : threads.invokeAll(ticks)) {
                summaries.add(f.get());
            }
        }

        for (int i = 0; i < 5; i++) {
            assertThat(reminderKeys("raced-" + i)).as("raced-%d", i)
                    .containsExactlyInAnyOrder("REMINDER#r1#P3D", "REMINDER#r1#PT24H");
        }
        assertThat(summaries.stream().mapToLong(s -> s.reminded().size()).sum())
                .as("every offer is reported by the tick or ticks that sent its reminders, at least once in all")
                .isBetween(5L, 10L);
        assertThat(table.decisions().tick(new ClockTick(now)).reminded()).as("a later tick finds nothing left to send").isEmpty();
    }

    @Test
    void aReminderLeavesTheStatusVersionAndHistoryAlone() {
        pending(Offers.offer("untouched").build());
        OfferRecord before = table.store().load("untouched").orElseThrow();

        table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofHours(12))));

        OfferRecord after = table.store().load("untouched").orElseThrow();
        assertThat(after.history()).isEqualTo(before.history());
        assertThat(after.state().decision()).isEqualTo(before.state().decision());
        assertThat(after.state().version()).isEqualTo(before.state().version());
        assertThat(after.state().remindersSent()).containsExactlyInAnyOrder("P3D", "PT24H");
        assertThat(table.audit().problems()).isEmpty();
    }

    @Test
    void aDecisionRecordedAfterAReminderKeepsItsVersionCheckAndTheNextRevisionIsRemindedAfresh() {
        pending(Offers.offer("revised").build());
        table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofDays(2))));

        // A non-material revision: still pending on the same deadline, so its reminders are due again.
        table.decisions().decide(Offers.offer("revised").revision(2).price("2.05").receivedAt(DEADLINE.minus(Duration.ofDays(2))).build());
        ClockSummary tick = table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofDays(1).plusHours(12))));

        assertThat(tick.reminded()).containsExactly("revised");
        assertThat(reminderKeys("revised")).containsExactlyInAnyOrder("REMINDER#r1#P3D", "REMINDER#r2#P3D");
        assertThat(table.store().load("revised").orElseThrow().history()).hasSize(2);
    }

    @Test
    void noRemindersAfterTheDeadlineOrOnceDecided() {
        pending(Offers.offer("late-tick").build());
        table.decisions().decide(Offers.offer("answered").build());
        table.decisions().decide(Offers.match("answered", DEADLINE.minus(Duration.ofDays(5))));

        ClockSummary withinGrace = table.decisions().tick(new ClockTick(DEADLINE.plus(Duration.ofMinutes(5))));

        assertThat(withinGrace.reminded()).isEmpty();
        assertThat(reminderKeys("late-tick")).isEmpty();
        assertThat(reminderKeys("answered")).isEmpty();
    }

    @Test
    void theClockReadsThePendingOffersOnlyAndWritesOnlyTheRemindersDue() {
        // 40 decided offers with long histories, 10 pending far from their deadline, 3 within three days of it.
        for (int i = 0; i < 40; i++) {
            table.decisions().decide(Offers.offer("decided-" + i).build());
            table.decisions().decide(Offers.decline("decided-" + i, Offers.RECEIVED.plus(Duration.ofDays(1))));
        }
        for (int i = 0; i < 10; i++) {
            pending(Offers.offer("far-" + i).receivedAt(DEADLINE).build());
        }
        for (int i = 0; i < 3; i++) {
            pending(Offers.offer("near-" + i).build());
        }

        DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(
                () -> table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofDays(2)))));

        assertThat(usage.requests()).as("one query of the pending index, one transaction per reminder sent")
                .isEqualTo(Map.of("Query", 1L, "TransactWriteItems", 3L));
        assertThat(usage.itemsRead()).as("the 13 pending offers, never the 40 decided ones or any history").isEqualTo(13);
    }

    @Test
    void aLateNoticeMovesTheRemindersWithTheDeadlineUnderNewIdsAndNoneGoBeforeANotice() {
        table.decisions().decide(Offers.offer("told-late").build());
        assertThat(table.decisions().tick(new ClockTick(DEADLINE.minus(Duration.ofHours(12)))).reminded())
                .as("no notice recorded: the deadline is provisional, nothing to remind of").isEmpty();

        Instant told = Offers.RECEIVED.plus(Duration.ofDays(2));
        table.decisions().noticeSent(new Notice("told-late", 1, told));
        Instant moved = told.plus(Duration.ofDays(14));
        ClockSummary tick = table.decisions().tick(new ClockTick(moved.minus(Duration.ofHours(12))));

        assertThat(tick.reminded()).containsExactly("told-late");
        assertThat(reminderKeys("told-late")).as("named after the NOTICE_LATE entry, #2")
                .containsExactlyInAnyOrder("REMINDER#r1#P3D#n2", "REMINDER#r1#PT24H#n2");
    }

    /** A pending offer whose notice left as it arrived, as notify records it. */
    private void pending(CapacityOffer offer) {
        table.decisions().decide(offer);
        table.decisions().noticeSent(new Notice(offer.offerId(), offer.revision(), offer.receivedAt()));
    }

    private List<String> reminderKeys(String offerId) {
        return client.query(b -> b.tableName(table.name()).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :reminder)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#" + offerId),
                                ":reminder", AttributeValue.fromS("REMINDER#"))))
                .items().stream().map(item -> item.get("sk").s()).toList();
    }
}
