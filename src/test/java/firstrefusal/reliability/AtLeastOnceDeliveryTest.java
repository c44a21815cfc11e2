package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.offer.ClockSummary;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.OfferState;
import firstrefusal.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.FreshTable;
import firstrefusal.support.SqsQueue;
import firstrefusal.support.TableAudit;
import firstrefusal.support.WireMessages;
import firstrefusal.whatif.WhatIf;
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
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Decisions and storage (src/docs/contract.md) under at-least-once delivery: thousands of messages, a share of them delivered two or
 * three times, shuffled into SQS batches handled by several concurrent invocations against DynamoDB
 * Local, failed records redelivered in later rounds. The table must end exactly as one ordered replay
 * of the same messages leaves the service: same states, same histories, entry for entry.
 *
 * <p>{@code -Dreliability.messages=N} scales it (the {@code soak} profile sends 20,000).
 */
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
    /** After every message; offers whose deadline is later stay pending, so the index is compared too. */
    static final Instant CLOCK = MessageCorpus.ERA.plus(Duration.ofDays(200));

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void duplicatedShuffledBatchesLeaveTheTableExactlyAsOneOrderedReplayDoes() throws Exception {
        FreshTable table = FreshTable.create(client, policy, "at-least-once");
        List<OfferMessage> messages = MessageCorpus.generate("alo", MESSAGES, SEED);
        List<String> deliveries = withDuplicates(messages, new Random(SEED));

        SqsQueue.Report delivery = new SqsQueue(table.function(), BATCH_SIZE, POLLERS, SEED)
                .drain(deliveries, MAX_ROUNDS, (processed, failed) -> { });
        // The scheduled tick is delivered at least once too.
        JsonNode firstTick = tick(table, CLOCK);
        JsonNode secondTick = tick(table, CLOCK);

        OrderedReplay reference = new OrderedReplay(policy, messages);
        ClockSummary expectedTick = reference.tick(CLOCK);

        assertThat(delivery.deadLetters()).as("records never processed").isEmpty();
        assertThat(ids(firstTick.get("lapsed"))).isEqualTo(new TreeSet<>(expectedTick.lapsed()));
        assertThat(ids(firstTick.get("expired"))).isEqualTo(new TreeSet<>(expectedTick.expired()));
        assertThat(secondTick.get("lapsed")).as("a redelivered tick finds nothing left").isEmpty();

        TableAudit.Report audit = reference.assertTableMatches(table);
        assertThat(table.store().outstanding().stream().map(OfferState::offerId).collect(Collectors.toSet()))
                .as("the pending index").isEqualTo(reference.outstanding());

        // The kept messages, replayed through the same rules under the policy in force, give back every recorded outcome.
        // As of a time after every message of the corpus (some are dated after the tick), so every offer is in the record.
        WhatIf replay = new WhatIf(policy, policy, CLOCK.plus(Duration.ofDays(3650)));
        table.store().forEachOfferReceived(Optional.empty(), Optional.empty(), replay::add);
        WhatIf.Report unchanged = replay.report();
        assertThat(unchanged.offers()).as("offers replayed").isEqualTo(reference.records().size());
        assertThat(unchanged.notReplayable()).isZero();
        assertThat(unchanged.changes()).as("offers the replay decides otherwise than the record").isEmpty();

        LOG.infof("at-least-once: %d messages about %d offers; %d deliveries in round 1 (%d extra copies), %d rounds, "
                        + "%d invocations, %d records delivered in all, %d reported failed and redelivered, %d dead letters; "
                        + "%d history items, %d still pending; lapsed %d, expired %d at the tick; %d ms",
                messages.size(), reference.records().size(), deliveries.size(), deliveries.size() - messages.size(),
                delivery.rounds(), delivery.invocations(), delivery.deliveries(), delivery.reportedFailures(),
                delivery.deadLetters().size(), audit.historyItems(), reference.outstanding().size(),
                expectedTick.lapsed().size(), expectedTick.expired().size(), delivery.elapsed().toMillis());
        table.drop();
    }

    /** Every message once, and {@value #DELIVERED_MORE_THAN_ONCE} of them one or two times more. */
    static List<String> withDuplicates(List<OfferMessage> messages, Random random) {
        List<String> deliveries = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int duplicated = (int) Math.round(messages.size() * DELIVERED_MORE_THAN_ONCE);
        for (int i = 0; i < messages.size(); i++) {
            String body = WireMessages.json(messages.get(order.get(i)));
            int copies = i >= duplicated ? 1 : random.nextInt(3) == 0 ? 3 : 2;
            for (int c = 0; c < copies; c++) {
                deliveries.add(body);
            }
        }
        return deliveries;
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
