package firstrefusal.adapters.out.dynamodb;

import firstrefusal.bench.Bench;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.record.DigestArchive;
import firstrefusal.domain.record.DigestClock;
import firstrefusal.domain.record.DigestLeaf;
import firstrefusal.domain.record.DigestStore;
import firstrefusal.domain.record.DigestTree;
import firstrefusal.domain.record.OfferProof;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.DynamoDbRequestCounter;
import firstrefusal.support.FreshTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the record's chain and digests cost (src/docs/BENCHMARKS.md, "A record that proves itself"), on DynamoDB Local
 * through the application's counted client: the bytes seq, hash and the head add to the items a decision writes and the
 * write units that follow (DynamoDB's rule: a transactional write is 2 units per KB of each item); the CPU of linking
 * an item; a new offer's decision, end to end; and a digest of 10,000 offers changed since the last one: the reads that
 * find them, the write that keeps it, the marking, and one proof. Nothing here asserts a time; the report goes to
 * {@code target/bench/record-chain.md}.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class RecordChainBench {

    private static final int CHANGED = 10_000;
    private static final Set<String> CHAIN_ATTRIBUTES = Set.of("seq", "hash", "headSeq", "headHash", "undigested");

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Test
    void whatTheChainAndTheDigestsCost() {
        Bench.noteLoad("RecordChainBench start");
        StringBuilder md = new StringBuilder();
        FreshTable table = FreshTable.create(client, policy, "record-bench");
        try {
            perDecision(table, md);
            linking(md);
            digest(table, md);
        } finally {
            table.drop();
        }
        Bench.noteLoad("RecordChainBench end");
        Bench.write(Bench.resultsDirectory().resolve("record-chain.md"), md.toString());
    }

    /** The items a new offer's decision writes, with and without the chain's attributes; and the decision's latency. */
    private void perDecision(FreshTable table, StringBuilder md) {
        double[] millis = new double[300];
        for (int i = -50; i < millis.length; i++) {
            String id = "size-" + (i + 50);
            long start = System.nanoTime();
            DynamoDbRequestCounter.Usage usage = DynamoDbRequestCounter.measure(() -> table.decisions().decide(Offers.offer(id).build()));
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
                if (usage.totalRequests() != 2) {
                    throw new IllegalStateException("a decision took " + usage.requests() + ", more than the two requests it may");
                }
            }
        }
        List<Map<String, AttributeValue>> items = client.query(q -> q.tableName(table.name()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#size-77")))).items();
        md.append("## Per decision (a new offer: its state and its history entry)\n\n")
                .append("| item | bytes | of which the chain | write units in a transaction (2 per KB) | without the chain |\n")
                .append("|---|---:|---:|---:|---:|\n");
        int units = 0;
        int unitsBefore = 0;
        for (Map<String, AttributeValue> item : items) {
            int size = size(item);
            int chain = item.entrySet().stream().filter(e -> CHAIN_ATTRIBUTES.contains(e.getKey()))
                    .mapToInt(e -> attributeSize(e.getKey(), e.getValue())).sum();
            units += 2 * kilobytes(size);
            unitsBefore += 2 * kilobytes(size - chain);
            md.append("| ").append(item.get("sk").s()).append(" | ").append(size).append(" | ").append(chain).append(" | ")
                    .append(2 * kilobytes(size)).append(" | ").append(2 * kilobytes(size - chain)).append(" |\n");
        }
        md.append("| the decision | | | ").append(units).append(" | ").append(unitsBefore).append(" |\n\n")
                .append("Requests per decision: 2 (Query 1, TransactWriteItems 1), checked on each of ").append(millis.length)
                .append(" decisions. Decide, end to end on DynamoDB Local: p50 ").append(Bench.fmt(Bench.median(millis)))
                .append(" ms, p99 ").append(Bench.fmt(Bench.percentile(millis, 99))).append(" ms.\n\n");
    }

    /** The CPU of linking a decision's two items: their canonical forms and two SHA-256s. */
    private void linking(StringBuilder md) {
        FreshTableItems sample = FreshTableItems.of(policy);
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            Chain.link(null, sample.items());
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            Chain.link(null, sample.items());
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds / sample.items().size();
        md.append("## Linking\n\n").append("Canonical form and hash of one item, after warm-up: ").append(Bench.fmt(micros))
                .append(" µs (").append(rounds).append(" rounds of a decision's items).\n\n");
    }

    /** 10,000 offers whose heads moved since the last digest: find them, keep the digest, mark them, prove one. */
    private void digest(FreshTable table, StringBuilder md) {
        TableSeeder seeder = new TableSeeder(client, table.name(), policy);
        for (int i = 0; i < CHANGED; i++) {
            seeder.offer(Offers.offer(String.format("changed-%05d", i)).build());
        }
        seeder.flush();
        DigestStore digests = table.digests();
        List<DigestLeaf> heads = new ArrayList<>();
        long t0 = System.nanoTime();
        DynamoDbRequestCounter.Usage find = DynamoDbRequestCounter.measure(() -> heads.addAll(digests.undigestedHeads(20_000)));
        double findMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        DigestTree tree = DigestTree.of(heads);
        double treeMs = (System.nanoTime() - t1) / 1e6;
        Instant now = Instant.parse("2026-12-06T14:00:00Z");
        // The clock itself, with the marking a tick does at the shipped 1,000 a tick.
        DigestClock clock = new DigestClock(digests, DigestArchive.NONE, Duration.ofHours(1), 20_000, 1_000);
        long t2 = System.nanoTime();
        DynamoDbRequestCounter.Usage first = DynamoDbRequestCounter.measure(() -> clock.onTick(now));
        double firstMs = (System.nanoTime() - t2) / 1e6;
        long t3 = System.nanoTime();
        int ticks = 1;
        DynamoDbRequestCounter.Usage rest = DynamoDbRequestCounter.measure(() -> {
            for (int tick = 1; !digests.latest().orElseThrow().fullyMarked(); tick++) {
                clock.onTick(now.plusSeconds(60L * tick));
            }
        });
        double restMs = (System.nanoTime() - t3) / 1e6;
        long t4 = System.nanoTime();
        DynamoDbRequestCounter.Usage proofUsage = DynamoDbRequestCounter.measure(() -> {
            OfferProof proof = table.proofs().of("changed-05000").orElseThrow();
            if (!proof.verified()) {
                throw new IllegalStateException("the proof does not verify: " + proof.problem());
            }
        });
        double proofMs = (System.nanoTime() - t4) / 1e6;
        md.append("## A digest of ").append(CHANGED).append(" offers changed since the last one\n\n")
                .append("| step | time ms | requests | items read |\n|---|---:|---|---:|\n")
                .append(row("find the heads that moved (the undigested index, heads only)", findMs, find))
                .append("| build the tree (").append(tree.size()).append(" leaves, in memory) | ").append(Bench.fmt(treeMs))
                .append(" | none | 0 |\n")
                .append(row("first tick: find, build, keep the digest and its leaves, mark 1,000", firstMs, first))
                .append(row("the ticks that mark the other 9,000, 1,000 a tick", restMs, rest))
                .append(row("one offer's proof afterwards (its partition, the digest)", proofMs, proofUsage)).append('\n')
                .append("The digest's leaves: ").append(DigestItems.Leaves.of(1, tree).size()).append(" items of up to ")
                .append(DigestItems.LEAVES_PER_ITEM).append(" leaves; the index item of a head: about ")
                .append(headIndexBytes(heads.getFirst())).append(" bytes.\n");
    }

    private static String row(String step, double ms, DynamoDbRequestCounter.Usage usage) {
        return "| " + step + " | " + Bench.fmt(ms) + " | " + usage.requests() + " | " + usage.itemsRead() + " |\n";
    }

    /** What a head costs in the undigested index: its keys and the head it projects. */
    private static int headIndexBytes(DigestLeaf leaf) {
        return "pk".length() + ("OFFER#" + leaf.offerId()).length() + "sk".length() + "STATE".length() + "undigested".length()
                + "HEAD".length() + "headSeq".length() + 2 + "headHash".length() + leaf.hash().length() + 100;
    }

    private static int kilobytes(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /** DynamoDB's item size: each attribute's name and value, as its documentation counts them. */
    static int size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> attributeSize(e.getKey(), e.getValue())).sum();
    }

    private static int attributeSize(String name, AttributeValue value) {
        return name.getBytes(StandardCharsets.UTF_8).length + valueSize(value);
    }

    private static int valueSize(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return new BigDecimal(v.n()).stripTrailingZeros().precision() / 2 + 1;
        }
        if (v.bool() != null || v.nul() != null) {
            return 1;
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToInt(e -> 1 + attributeSize(e.getKey(), e.getValue())).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToInt(e -> 1 + valueSize(e)).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        return 0;
    }

    /** A decision's items as the store writes them, for timing the linking alone. */
    private record FreshTableItems(List<TableItem> items) {

        static FreshTableItems of(Policy policy) {
            var decided = new firstrefusal.domain.fold.Adjudicator(policy).decide(
                    firstrefusal.domain.offer.Delivery.direct(Offers.offer("linked").build()), Optional.empty(), Offers.RECEIVED);
            var change = (firstrefusal.domain.offer.Outcome.Changed) decided;
            var entry = change.appended().getFirst();
            return new FreshTableItems(List.of(HistoryItem.of(entry, change.kept(), change.next().firstReceivedAt())));
        }
    }
}
