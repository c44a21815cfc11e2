package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.dev.StreamPoller;
import firstrefusal.domain.ledger.AgreementTally;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.Events;
import firstrefusal.support.ExpectedLogs;
import firstrefusal.support.FreshTable;
import firstrefusal.support.Outbound;
import firstrefusal.support.SqsQueue;
import firstrefusal.support.WithNotices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Commitments and decisions per version (src/docs/contract.md, "Commitments"), kept by notify from the table's stream:
 * after the out-of-order corpus of {@link AtLeastOnceDeliveryTest} (duplicates, corrections, withdrawals) and every
 * stream record handed to notify, some of them twice, each commitment's contracted value and each version's count of
 * decisions equal a recount from the offers' histories.
 */
@ExtendWith(ExpectedLogs.class)
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class CommitmentLedgerTest {

    private static final Logger LOG = Logger.getLogger(CommitmentLedgerTest.class);
    private static final long SEED = Long.getLong("reliability.seed", 20250121L);
    private static final int ITEMS = Integer.getInteger("reliability.commitment-items", 1_200);

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void theLedgerEqualsARecountFromTheHistory() throws Exception {
        Instant from = MessageCorpus.ERA.minus(Duration.ofDays(1));
        Amendment committed = new Amendment("2023-12-31", from, Amendment.Changes.none(), Amendment.PendingOffers.KEEP, List.of(
                new Commitment("2023-12-31", policy.holder(), new BigDecimal("1000000000000"), from, Optional.empty()),
                new Commitment("2023-12-31", "oracle", new BigDecimal("100000000000"), from,
                        Optional.of(MessageCorpus.ERA.plus(Duration.ofDays(150))))));
        Agreement agreement = Agreement.of(policy, List.of(committed));
        FreshTable table = FreshTable.withStream(client, agreement, ReminderSchedule.NONE, "commitments");
        Outbound outbound = Outbound.of(table, agreement.latest());
        try {
            List<LogItem> items = MessageCorpus.generate("cm", ITEMS, SEED);
            List<Events.Sent> deliveries = AtLeastOnceDeliveryTest.withDuplicates(items, new Random(SEED));
            new SqsQueue(new WithNotices(table.function(), table.decisions()), 10, 4, SEED).drainSent(deliveries, 10, (p, f) -> { });

            int redelivered = 0;
            for (int round = 0; round < 10; round++) {
                List<StreamPoller.Delivery> batch = outbound.poll();
                if (batch.isEmpty()) {
                    break;
                }
                assertThat(batch).allMatch(d -> d.failedAt().isEmpty());
                // Every other batch is handed over a second time, as a retried shard would be.
                for (int i = 0; i < batch.size(); i += 2) {
                    outbound.invoke(batch.get(i).event());
                    redelivered++;
                }
            }

            AgreementTally tally = new AgreementTally(agreement, table.ledger());
            Map<Commitment, BigDecimal> recount = new HashMap<>();
            Map<String, Long> decisions = new HashMap<>();
            int offers = 0;
            for (String id : items.stream().map(LogItem::offerId).distinct().toList()) {
                Optional<OfferRecord> record = table.store().load(id);
                if (record.isEmpty()) {
                    continue;
                }
                offers++;
                HistoryEntry current = record.get().history().getLast();
                for (Commitment c : agreement.commitments()) {
                    recount.merge(c, tally.contribution(c, current), BigDecimal::add);
                }
                record.get().history().forEach(e -> decisions.merge(e.decision().policyVersion(), 1L, Long::sum));
            }
            for (Commitment c : agreement.commitments()) {
                assertThat(table.ledger().progress(c).contractedUsd()).as("contracted with %s", c.provider()).isEqualByComparingTo(recount.get(c));
            }
            assertThat(recount.get(agreement.commitments().getFirst())).as("the holder's commitment counts something").isPositive();
            for (Agreement.Version v : agreement.versions()) {
                assertThat(table.ledger().decisions(v.name())).as("decisions under %s", v.name()).isEqualTo(decisions.getOrDefault(v.name(), 0L));
            }
            LOG.infof("commitments: %d items about %d offers, %d stream batches handed over twice; contracted %s, decisions by version %s, "
                    + "each equal to the recount", items.size(), offers, redelivered, recount, decisions);
        } finally {
            outbound.close();
            table.drop();
        }
    }
}
