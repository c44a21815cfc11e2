package firstrefusal.domain.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the proof of an offer's record holds: its items with their hashes, from where the chain starts, its head, and,
 * once a digest covers the offer, that digest and the inclusion proof of the offer's leaf in it. {@link #check()} is the
 * product's own verification of it; the offline verifier makes the same checks, plus one against a digest obtained
 * elsewhere, with the same messages.
 */
public record RecordProof(String offerId, HashChain.Start start, List<HashChain.Link> items, Head head,
        Optional<Digested> digested) {

    /** The offer's head: the seq and hash of its last item. */
    public record Head(long seq, String hash) {
    }

    /**
     * The digest that covers the offer, its hash as published, where the offer's leaf is, its inclusion proof, and the
     * seq whose hash the leaf holds (items after it were recorded since).
     */
    public record Digested(Digest digest, String digestHash, long leafIndex, List<String> inclusion, long digestedThrough) {
    }

    public RecordProof {
        items = List.copyOf(items);
    }

    /** The proof for an offer whose chain is {@code items} and whose newest covering digest is {@code digest} over {@code tree}. */
    public static RecordProof of(String offerId, HashChain.Start start, List<HashChain.Link> items, Digest digest, DigestTree tree) {
        HashChain.Link last = items.getLast();
        int index = tree.indexOf(offerId).orElseThrow(() -> new IllegalArgumentException("digest " + digest.digestId()
                + " does not cover offer " + offerId));
        Digested digested = new Digested(digest, digest.hash(), index, tree.inclusion(index), tree.leaves().get(index).seq());
        return new RecordProof(offerId, start, items, new Head(last.seq(), last.hash()), Optional.of(digested));
    }

    /** The first thing that does not hold, or empty when the record is verified (against the digest, if there is one). */
    public Optional<Mismatch> check() {
        Optional<Mismatch> digestHash = digested.flatMap(RecordProof::digestHash);
        if (digestHash.isPresent()) {
            return digestHash;
        }
        Optional<Mismatch> chain = HashChain.verify(start, items);
        if (chain.isPresent()) {
            return chain;
        }
        Optional<Mismatch> headProblem = headProblem();
        return headProblem.isPresent() ? headProblem : digested.flatMap(this::inclusionProblem);
    }

    private static Optional<Mismatch> digestHash(Digested digested) {
        return digested.digest().hash().equals(digested.digestHash()) ? Optional.empty()
                : Optional.of(Mismatch.digest(digested.digest().digestId(), "hash does not match its five fields"));
    }

    private Optional<Mismatch> headProblem() {
        if (items.isEmpty()) {
            return Optional.of(Mismatch.seq(start.seq(), "missing (the proof has no items)"));
        }
        long last = items.getLast().seq();
        if (head.seq() > last) {
            return Optional.of(Mismatch.seq(last + 1, "missing (the head is seq " + head.seq() + ")"));
        }
        if (head.seq() < last) {
            return Optional.of(Mismatch.seq(head.seq() + 1, "after the head (seq " + head.seq() + ")"));
        }
        return items.getLast().hash().equals(head.hash()) ? Optional.empty()
                : Optional.of(Mismatch.seq(last, "hash differs from the head's"));
    }

    private Optional<Mismatch> inclusionProblem(Digested digested) {
        long through = digested.digestedThrough();
        Optional<HashChain.Link> item = items.stream().filter(link -> link.seq() == through).findFirst();
        if (item.isEmpty()) {
            return Optional.of(Mismatch.seq(through, "digested, but not in the proof"));
        }
        Digest digest = digested.digest();
        if (!digested.inclusion().stream().allMatch(Hashes::isHash)) {
            return Optional.of(Mismatch.digest(digest.digestId(), "inclusion proof is not a list of hashes"));
        }
        String leaf = new DigestLeaf(offerId, through, item.get().hash()).canonical();
        byte[] leafHash = MerkleTree.leafHash(leaf.getBytes(StandardCharsets.UTF_8));
        List<byte[]> path = digested.inclusion().stream().map(Hashes::raw32).toList();
        boolean included = MerkleTree.verifyInclusion(digested.leafIndex(), digest.treeSize(), leafHash, path,
                Hashes.raw32(digest.root()));
        return included ? Optional.empty() : Optional.of(Mismatch.digest(digest.digestId(), "root does not match the inclusion proof"));
    }
}
