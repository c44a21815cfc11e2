package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.whatif.WhatIf;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FreshTable;
import firstrefusal.support.SqsQueue;
import firstrefusal.support.TableAudit;
import firstrefusal.support.WireMessages;
import firstrefusal.support.WithNotices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Decisions and storage (src/docs/contract.md) under at-least-once delivery and out-of-order processing: thousands of
 * messages and notices, a share of them delivered two or three times, shuffled into SQS batches handled by several
 * concurrent invocations against DynamoDB Local, failed records (refused where they stand, or racing) redelivered in
 * later rounds. Answers and withdrawals on one offer, revisions and answers, arrive in any order. Every offer must end
 * with the decision one in-order replay of the same items gives it, and the what-if replay under the agreement in force
 * must find nothing to change.
 *
 * <p>{@code -Dreliability.messages=N} scales it (the {@code soak} profile sends 20,000).
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AtLeastOnceDeliveryTest {

    private static final Logger LOG = Logger.getLogger(AtLeastOnceDeliveryTest.class);

    static final int MESSAGES = Integer.getInteger("reliability.messages", 2_000);
    static final double DELIVERED_MORE_THAN_ONCE = 0.30;
    static final long SEED = Long.getLong("reliability.seed", 20250121L);
    static final int BATCH_SIZE = 10;
    static final int POLLERS = 4;
    static final int MAX_ROUNDS = 10;
    /** Mid-corpus: offers whose deadline is later stay pending, so the index is compared too. */
    static final Instant CLOCK = MessageCorpus.ERA.plus(Duration.ofDays(200));

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void duplicatedShuffledOutOfOrderBatchesEndEveryOfferAsTheInOrderReplayDoes() throws Exception {
        FreshTable table = FreshTable.create(client, policy, "at-least-once");
        List<LogItem> items = MessageCorpus.generate("alo", MESSAGES, SEED);
        List<Events.Sent> deliveries = withDuplicates(items, new Random(SEED));

        SqsQueue.Report delivery = new SqsQueue(new WithNotices(table.function(), table.decisions()), BATCH_SIZE, POLLERS, SEED)
                .drainSent(deliveries, MAX_ROUNDS, (processed, failed) -> { });
        // The scheduled tick is delivered at least once too.
        JsonNode firstTick = tick(table, CLOCK);
        JsonNode secondTick = tick(table, CLOCK);

        OrderedReplay reference = new OrderedReplay(policy, items);
        Set<String> expectedTick = reference.tick(CLOCK);

        Set<String> ticked = new TreeSet<>(ids(firstTick.get("lapsed")));
        ticked.addAll(ids(firstTick.get("expired")));
        ticked.addAll(ids(firstTick.get("released")));
        assertThat(ticked).isEqualTo(expectedTick);
        assertThat(secondTick.get("lapsed")).as("a redelivered tick finds nothing left").isEmpty();

        TableAudit.Report audit = reference.assertTableMatches(table);
        assertThat(table.store().outstanding().stream().map(OfferState::offerId).collect(Collectors.toSet()))
                .as("the pending index").isEqualTo(reference.outstanding());
        // A record still failing after the last round is one the in-order replay refuses too: no order loses a message.
        assertThat(reference.refused()).as("dead letters are refused in order too").containsAll(described(delivery.deadLetters()));
        int corrected = 0;
        for (String id : reference.records().keySet()) {
            corrected += table.store().load(id).orElseThrow().history().stream().anyMatch(HistoryEntry::isCorrection) ? 1 : 0;
        }
        assertThat(corrected).as("offers a later-processed, earlier message corrected").isPositive();

        // The kept log, replayed as the what-if replays it under the policy in force, gives back every recorded outcome.
        Fold whatIfFold = new Fold(Agreement.of(policy), Fold.Mode.REPLAY);
        table.store().forEachOfferReceived(Optional.empty(), Optional.empty(), record -> {
            Decision replayed = whatIfFold.run(record.items(), Map.of(), Optional.of(CLOCK), null).decision();
            assertThat(replayed.sameOutcomeAs(record.state().decision())).as("%s replayed as %s, recorded as %s",
                    record.state().offerId(), OrderedReplay.describe(replayed), OrderedReplay.describe(record.state().decision()))
                    .isTrue();
        });
        WhatIf replay = new WhatIf(firstrefusal.domain.policy.Deployments.only(Agreement.of(policy)),
                firstrefusal.domain.policy.Deployments.only(Agreement.of(policy)), CLOCK.plus(Duration.ofDays(3650)));
        table.store().forEachOfferReceived(Optional.empty(), Optional.empty(), replay::add);
        WhatIf.Report unchanged = replay.report();
        assertThat(unchanged.offers()).as("offers replayed").isEqualTo(reference.records().size());
        assertThat(unchanged.notReplayable()).isZero();
        assertThat(unchanged.changes()).as("a draft equal to the agreement in force changes nothing").isEmpty();

        LOG.infof("at-least-once, out of order: %d items (%d messages, %d notices) about %d offers; %d deliveries in round 1 "
                        + "(%d extra copies), %d rounds, %d invocations, %d records delivered in all, %d reported failed and "
                        + "redelivered, %d dead letters (all refused in order too; %d refused in order); %d offers corrected; "
                        + "%d history items, %d still pending; %d decided at the tick; %d ms",
                items.size(), MessageCorpus.deliveries(items).size(), items.size() - MessageCorpus.deliveries(items).size(),
                reference.records().size(), deliveries.size(), deliveries.size() - items.size(), delivery.rounds(),
                delivery.invocations(), delivery.deliveries(), delivery.reportedFailures(), delivery.deadLetters().size(),
                reference.refused().size(), corrected, audit.historyItems(), reference.outstanding().size(), expectedTick.size(),
                delivery.elapsed().toMillis());
        table.drop();
    }

    /** Every item once, and {@value #DELIVERED_MORE_THAN_ONCE} of them one or two times more, each with its arrival. */
    static List<Events.Sent> withDuplicates(List<LogItem> items, Random random) {
        List<Events.Sent> deliveries = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int duplicated = (int) Math.round(items.size() * DELIVERED_MORE_THAN_ONCE);
        for (int i = 0; i < items.size(); i++) {
            Events.Sent sent = sent(items.get(order.get(i)));
            int copies = i >= duplicated ? 1 : random.nextInt(3) == 0 ? 3 : 2;
            for (int c = 0; c < copies; c++) {
                deliveries.add(sent);
            }
        }
        return deliveries;
    }

    /** A message as its SQS record, reaching the queue at its arrival; a notice as the record {@link WithNotices} takes. */
    static Events.Sent sent(LogItem item) {
        return switch (item) {
            case Delivery d -> new Events.Sent(WireMessages.json(d.message()), d.arrivedAt().orElse(d.message().at()));
            case Notice n -> new Events.Sent(WithNotices.body(n), n.sentAt());
        };
    }

    /** Bodies as {@code offerId key}, as the replay names what it refused. */
    static Set<String> described(List<String> bodies) {
        return bodies.stream().map(AtLeastOnceDeliveryTest::item).map(i -> i.offerId() + " " + i.key()).collect(Collectors.toSet());
    }

    /** A record body read back as the item it carries (its arrival left out). */
    static LogItem item(String body) {
        try {
            JsonNode notice = WireMessages.JSON.readTree(body).get("notice");
            if (notice != null) {
                return new Notice(notice.get("offerId").asText(), notice.get("revision").asInt(), Instant.parse(notice.get("sentAt").asText()));
            }
            return Delivery.direct(firstrefusal.adapters.in.WireParsing.read(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode tick(FreshTable table, Instant now) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.function().handleRequest(new ByteArrayInputStream(Events.scheduledEvent(now).getBytes(StandardCharsets.UTF_8)),
                out, null);
        return WireMessages.JSON.readTree(out.toByteArray());
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new TreeSet<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
