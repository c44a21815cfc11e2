package firstrefusal.domain.record;

import firstrefusal.support.IndependentVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.record.HashChain.Entry;
import firstrefusal.domain.record.HashChain.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every way §13 says a record can be tampered with, each found, and named the same way, by the product's own check
 * ({@link RecordProof#check()}) and by the independent offline verifier given the published digest.
 */
class TamperedProofTest {

    private final RecordProof proof = ProofFixture.proof();
    private final List<Link> chain = proof.items();
    private final String publishedDigest = ProofFixture.digestJson(proof.digested().orElseThrow().digest());

    @Test
    void anUntouchedRecordIsVerifiedThroughItsHead() {
        assertFoundBoth(proof, "verified through seq 5, digest 42");
    }

    @Test
    void aChangedCanonicalFormIsNamedByItsSeq() {
        List<Link> items = new ArrayList<>(chain);
        items.set(2, new Link(3, chain.get(2).canonical().replace("1234.50", "1234.00"), chain.get(2).hash()));

        assertFoundBoth(ProofFixture.withItems(proof, items), "seq 3: hash does not match its canonical form");
    }

    @Test
    void aDroppedItemIsNamedAsMissingWhereverItWas() {
        List<Link> middle = new ArrayList<>(chain);
        middle.remove(1);

        assertFoundBoth(ProofFixture.withItems(proof, middle), "seq 2: missing (the next item is seq 3)");
        assertFoundBoth(ProofFixture.withItems(proof, chain.subList(0, 4)), "seq 5: missing (the head is seq 5)");
    }

    @Test
    void swappedItemsAreOutOfOrderAndARepeatedItemAppearsTwice() {
        List<Link> swapped = new ArrayList<>(chain);
        swapped.set(1, chain.get(2));
        swapped.set(2, chain.get(1));
        List<Link> repeated = new ArrayList<>(chain);
        repeated.add(2, chain.get(1));

        assertFoundBoth(ProofFixture.withItems(proof, swapped), "seq 2: out of order (seq 3 comes before it)");
        assertFoundBoth(ProofFixture.withItems(proof, repeated), "seq 2: appears more than once");
    }

    @Test
    void aForgedItemAddedAfterTheHeadIsFoundEvenWithItsHashRightlyChained() {
        List<Link> items = new ArrayList<>(chain);
        String forged = "{\"kind\":\"history\",\"offerId\":\"oracle-abilene-1\",\"seq\":6,\"status\":\"MATCHED_BY_HOLDER\"}";
        items.add(new Link(6, forged, HashChain.hash(chain.getLast().hash(), forged)));

        assertFoundBoth(ProofFixture.withItems(proof, items), "seq 6: after the head (seq 5)");
    }

    @Test
    void aForgedItemInsertedWithTheWholeChainRewrittenConsistentlyIsCaughtByTheDigest() {
        // The forger renumbers every later item and recomputes every hash and the head: only the digest still knows.
        List<Entry> entries = new ArrayList<>();
        for (Link link : chain) {
            long seq = link.seq() < 3 ? link.seq() : link.seq() + 1;
            entries.add(new Entry(seq, link.canonical().replace("\"seq\":" + link.seq(), "\"seq\":" + seq)));
        }
        entries.add(2, new Entry(3, "{\"kind\":\"history\",\"offerId\":\"oracle-abilene-1\",\"seq\":3,\"status\":\"MATCHED_BY_HOLDER\"}"));

        assertFoundBoth(ProofFixture.withItemsAndHead(proof, HashChain.link(entries)), "digest 42: root does not match the inclusion proof");
    }

    @Test
    void aHeadThatIsNotTheLastItemsHashIsNamed() {
        RecordProof changed = new RecordProof(proof.offerId(), proof.start(), chain, new RecordProof.Head(5, Hashes.ZERO), proof.digested());

        assertFoundBoth(changed, "seq 5: hash differs from the head's");
    }

    @Test
    void aChangedDigestRootIsFoundWhetherOrNotItsHashWasRecomputed() {
        Digest digest = proof.digested().orElseThrow().digest();
        Digest otherRoot = new Digest(digest.digestId(), digest.coversUntil(), digest.previous(), digest.treeSize(), "ab".repeat(32));

        assertFoundBoth(ProofFixture.withDigest(proof, otherRoot, digest.hash()), "digest 42: hash does not match its five fields");
        assertFoundBoth(ProofFixture.withDigest(proof, otherRoot, otherRoot.hash()), "digest 42: root does not match the inclusion proof");
    }

    @Test
    void aWrongLeafIndexOrAnAlteredInclusionPathDoesNotReachTheRoot() {
        RecordProof.Digested digested = proof.digested().orElseThrow();
        List<String> altered = new ArrayList<>(digested.inclusion());
        altered.set(1, Hashes.ZERO);
        RecordProof otherIndex = withInclusion(digested.leafIndex() + 1, digested.inclusion());
        RecordProof otherPath = withInclusion(digested.leafIndex(), altered);

        assertFoundBoth(otherIndex, "digest 42: root does not match the inclusion proof");
        assertFoundBoth(otherPath, "digest 42: root does not match the inclusion proof");
        assertFoundBoth(withInclusion(digested.leafIndex(), List.of("not a hash")), "digest 42: inclusion proof is not a list of hashes");
    }

    private RecordProof withInclusion(long leafIndex, List<String> inclusion) {
        RecordProof.Digested d = proof.digested().orElseThrow();
        return new RecordProof(proof.offerId(), proof.start(), chain, proof.head(), Optional.of(
                new RecordProof.Digested(d.digest(), d.digestHash(), leafIndex, inclusion, d.digestedThrough())));
    }

    /** Both checks reach the same verdict: the product's (empty when verified) and the verifier's against the digest. */
    private void assertFoundBoth(RecordProof candidate, String expected) {
        IndependentVerifier.Verdict verdict = IndependentVerifier.verify(ProofFixture.json(candidate), publishedDigest);
        boolean verified = expected.startsWith("verified");

        assertThat(verdict.message()).isEqualTo(expected);
        assertThat(verdict.verified()).isEqualTo(verified);
        assertThat(candidate.check().map(Mismatch::message)).isEqualTo(verified ? Optional.empty() : Optional.of(expected));
    }
}
