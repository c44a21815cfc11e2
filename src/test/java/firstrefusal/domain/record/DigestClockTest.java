package firstrefusal.domain.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.ChainAudit;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.IndependentVerifier;
import firstrefusal.support.OnItsOwnTable;
import firstrefusal.wire.RecordJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The clock's digests of the record, on DynamoDB Local: a digest takes the heads that moved since the last one, read from
 * the sparse index of undigested heads; its root is the RFC 9162 tree of their leaves (computed here apart from the
 * product, {@link ChainAudit#root}); digests chain by hash; the next waits for the interval and for the marking of the
 * last, done a bounded batch a tick; and each offer's proof then verifies against the digest that last took it, by the
 * product's check and by the offline verifier.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DigestClockTest extends OnItsOwnTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-06T14:00:00Z");

    private DigestClock clock(int marksPerTick) {
        return new DigestClock(table.digests(), DigestArchive.NONE, Duration.ofHours(1), 20_000, marksPerTick);
    }

    @Test
    void aDigestTakesTheHeadsThatMovedAndItsRootIsTheMerkleTreeOfTheirLeaves() throws Exception {
        List.of("c-offer", "a-offer", "b-offer").forEach(id -> table.decisions().decide(Offers.offer(id).build()));
        table.decisions().noticeSent(new Notice("b-offer", 1, Offers.RECEIVED));

        clock(1_000).onTick(T);

        DigestStore.Kept kept = table.digests().latest().orElseThrow();
        Digest digest = kept.digest();
        assertThat(digest.digestId()).isEqualTo(1);
        assertThat(digest.previous()).isNull();
        assertThat(digest.coversUntil()).isEqualTo(T);
        assertThat(digest.treeSize()).isEqualTo(3);
        assertThat(digest.root()).as("RFC 9162 over the heads, as the test computes it").isEqualTo(ChainAudit.root(heads("a-offer",
                "b-offer", "c-offer")));
        assertThat(kept.hash()).isEqualTo(independentHash(digest));
        assertThat(table.digests().undigestedHeads(100)).as("every head taken is out of the index").isEmpty();
        for (String id : List.of("a-offer", "b-offer", "c-offer")) {
            OfferProof proof = table.proofs().of(id).orElseThrow();
            assertThat(proof.verified()).as("%s: %s", id, proof.problem()).isTrue();
            String proofJson = RecordJson.proof(proof).toString();
            IndependentVerifier.Verdict verdict = IndependentVerifier.verify(proofJson, RecordJson.digest(digest).toString());
            assertThat(verdict.verified()).as(verdict.message()).isTrue();
            assertThat(verdict.message()).startsWith("verified through seq " + ChainAudit.read(client, table.name(), id).headSeq()
                    + ", digest 1");
        }
    }

    @Test
    void theNextDigestWaitsForTheIntervalTakesOnlyWhatMovedAndFollowsTheLastByItsHash() {
        table.decisions().decide(Offers.offer("steady").build());
        table.decisions().decide(Offers.offer("moving").build());
        clock(1_000).onTick(T);
        table.decisions().decide(Offers.match("moving", Offers.RECEIVED.plus(Duration.ofDays(1))));

        clock(1_000).onTick(T.plus(Duration.ofMinutes(30)));
        assertThat(table.digests().latest().orElseThrow().digest().digestId()).as("within the interval: none").isEqualTo(1);
        clock(1_000).onTick(T.plus(Duration.ofHours(1)));

        DigestStore.Kept second = table.digests().latest().orElseThrow();
        assertThat(second.digest().digestId()).isEqualTo(2);
        assertThat(second.digest().previous()).isEqualTo(table.digests().digest(1).orElseThrow().hash());
        assertThat(second.digest().root()).isEqualTo(ChainAudit.root(heads("moving")));
        assertThat(table.proofs().of("steady").orElseThrow().proof().orElseThrow().digested().orElseThrow().digest().digestId())
                .as("an offer that did not move stays with the digest that took it").isEqualTo(1);
        assertThat(table.proofs().of("moving").orElseThrow().proof().orElseThrow().digested().orElseThrow().digest().digestId())
                .isEqualTo(2);
        clock(1_000).onTick(T.plus(Duration.ofHours(3)));
        assertThat(table.digests().latest().orElseThrow().digest().digestId()).as("nothing moved: no digest").isEqualTo(2);
        assertThat(table.digests().digests(Optional.empty(), 10)).extracting(k -> k.digest().digestId()).containsExactly(2L, 1L);
    }

    @Test
    void marksABoundedBatchATickAndAHeadThatMovedMeanwhileWaitsForTheNextDigest() {
        List<String> ids = List.of("m-1", "m-2", "m-3", "m-4", "m-5");
        ids.forEach(id -> table.decisions().decide(Offers.offer(id).build()));
        DigestClock clock = clock(2);

        clock.onTick(T);
        assertThat(table.digests().latest().orElseThrow().marked()).isEqualTo(2);
        clock.onTick(T.plusSeconds(60));
        assertThat(table.digests().latest().orElseThrow().marked()).isEqualTo(4);
        // m-5 moves after the digest took it, before it was told where its leaf is.
        table.decisions().decide(Offers.match("m-5", Offers.RECEIVED.plus(Duration.ofDays(1))));
        clock.onTick(T.plusSeconds(120));
        assertThat(table.digests().latest().orElseThrow().fullyMarked()).isTrue();

        OfferProof moved = table.proofs().of("m-5").orElseThrow();
        RecordProof.Digested digested = moved.proof().orElseThrow().digested().orElseThrow();
        assertThat(moved.verified()).as("%s", moved.problem()).isTrue();
        assertThat(digested.digest().digestId()).isEqualTo(1);
        assertThat(digested.digestedThrough()).as("digest 1 holds its head as it was").isLessThan(moved.proof().get().head().seq());
        assertThat(table.digests().undigestedHeads(100)).extracting(DigestLeaf::offerId).containsExactly("m-5");

        clock.onTick(T.plus(Duration.ofHours(1)));
        assertThat(table.digests().latest().orElseThrow().digest().treeSize()).isEqualTo(1);
        clock.onTick(T.plus(Duration.ofHours(1)).plusSeconds(60));
        assertThat(table.proofs().of("m-5").orElseThrow().proof().orElseThrow().digested().orElseThrow().digestedThrough())
                .isEqualTo(table.proofs().of("m-5").orElseThrow().proof().orElseThrow().head().seq());
    }

    @Test
    void twoClocksTickingAtOnceKeepOneDigest() throws Exception {
        List.of("x-1", "x-2", "x-3").forEach(id -> table.decisions().decide(Offers.offer(id).build()));
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Void>> ticks = List.of(1, 2).stream().map(i -> CompletableFuture.runAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            clock(1_000).onTick(T);
        })).toList();
        for (CompletableFuture<Void> tick : ticks) {
            tick.get();
        }
        assertThat(table.digests().digests(Optional.empty(), 10)).singleElement()
                .satisfies(kept -> assertThat(kept.digest().treeSize()).isEqualTo(3));
        assertThat(List.of("x-1", "x-2", "x-3")).allSatisfy(id -> assertThat(table.proofs().of(id).orElseThrow().verified()).isTrue());
    }

    /** The offers' heads as leaves, read from the table by the test. */
    private List<Map<String, Object>> heads(String... offerIds) {
        return java.util.Arrays.stream(offerIds).map(id -> {
            ChainAudit.Stored stored = ChainAudit.read(client, table.name(), id);
            Map<String, Object> leaf = new LinkedHashMap<>();
            leaf.put("offerId", id);
            leaf.put("seq", stored.headSeq());
            leaf.put("hash", stored.headHash());
            return leaf;
        }).toList();
    }

    /** SHA-256 of the canonical form of the digest's five fields, in the test's own reading. */
    private static String independentHash(Digest digest) throws Exception {
        JsonNode json = JSON.readTree(RecordJson.digest(digest).toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("hash");
        String canonical = IndependentVerifier.canonicalize(json.toString());
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
