package firstrefusal.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A commitment deployed after the decisions it counts were recorded (src/docs/contract.md, "Commitments"): notify never
 * counted them under it, so the clock recounts it from the record, a few bounded pages a tick, saying {@code recounting}
 * until it is done; the stream's own counting and the recount never count an offer twice; reading it is one read.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class CommitmentRecountTest {

    private static final Instant FROM = Offers.RECEIVED.minus(Duration.ofDays(1));

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void decisionsRecordedBeforeTheCommitmentWasDeployedCountOnceTheRecountIsDone() {
        FreshTable table = FreshTable.create(client, Agreement.of(policy), ReminderSchedule.NONE, "recount");
        try {
            // Recorded under an agreement without the commitment: the holder's own capacity, approved on arrival, and a
            // third party's offer the holder matched.
            table.decisions().decide(Offers.offer("own").provider("azure").gpus(1_000).build());
            table.decisions().decide(Offers.offer("matched").gpus(2_000).build());
            table.decisions().decide(Offers.match("matched", Offers.RECEIVED.plus(Duration.ofDays(1))));
            table.decisions().decide(Offers.offer("other").gpus(4_000).build());
            for (int i = 0; i < 6; i++) {
                table.decisions().decide(Offers.offer("filler-" + i).provider("google").build());
            }
            Commitment commitment = new Commitment("later", policy.holder(), new BigDecimal("1000000000"), FROM, Optional.empty());
            Agreement committed = Agreement.of(policy, List.of(new Amendment("later", FROM, Amendment.Changes.none(),
                    Amendment.PendingOffers.KEEP, List.of(commitment))));
            AgreementTally tally = new AgreementTally(committed, table.ledger());
            CommitmentRecount recount = new CommitmentRecount(tally, table.ledger(), table.store(), 3, 2);

            assertThat(table.ledger().progress(commitment).recounting()).as("never counted").isTrue();
            int ticks = 0;
            while (table.ledger().progress(commitment).recounting()) {
                recount.onTick(Instant.now());
                ticks++;
                assertThat(ticks).as("ticks to recount a small record").isLessThan(40);
            }

            BigDecimal own = new BigDecimal("2.10").multiply(BigDecimal.valueOf(1_000 * 730L * 48));
            BigDecimal matched = new BigDecimal("2.10").multiply(BigDecimal.valueOf(2_000 * 730L * 48));
            assertThat(ticks).as("several bounded ticks").isGreaterThan(1);
            assertThat(table.ledger().progress(commitment).contractedUsd()).isEqualByComparingTo(own.add(matched));

            // The stream then hands notify an entry the recount already counted: nothing changes.
            HistoryEntry matchEntry = table.store().load("matched").orElseThrow().history().getLast();
            tally.record(matchEntry);
            recount.onTick(Instant.now());
            assertThat(table.ledger().progress(commitment).contractedUsd()).isEqualByComparingTo(own.add(matched));

            // A withdrawal of the holder's own offer, counted from the stream, takes its share back.
            table.decisions().decide(Offers.withdrawal("own", Offers.RECEIVED.plus(Duration.ofDays(2))));
            tally.record(table.store().load("own").orElseThrow().history().getLast());
            assertThat(table.ledger().progress(commitment).contractedUsd()).isEqualByComparingTo(matched);

            DynamoDbRequestCounter.Usage read = DynamoDbRequestCounter.measure(() -> table.ledger().progress(commitment));
            assertThat(read.totalRequests()).as("reading a commitment is one read, whatever the history").isEqualTo(1);
        } finally {
            table.drop();
        }
    }
}
