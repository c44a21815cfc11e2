package firstrefusal.domain.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The leaves of one digest in their order (by offerId, compared as UTF-16 code units like canonical keys, so any
 * verifier can rebuild the order) and the Merkle tree over their canonical forms.
 */
public final class DigestTree {

    private final List<DigestLeaf> leaves;
    private final MerkleTree tree;

    private DigestTree(List<DigestLeaf> leaves) {
        this.leaves = leaves;
        this.tree = MerkleTree.of(leaves.stream().map(leaf -> leaf.canonical().getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** The tree over these offers' heads; an offer appears once in a digest. */
    public static DigestTree of(Collection<DigestLeaf> leaves) {
        List<DigestLeaf> sorted = new ArrayList<>(leaves);
        sorted.sort(Comparator.comparing(DigestLeaf::offerId));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).offerId().equals(sorted.get(i - 1).offerId())) {
                throw new IllegalArgumentException("offer " + sorted.get(i).offerId() + " appears twice in one digest");
            }
        }
        return new DigestTree(List.copyOf(sorted));
    }

    public List<DigestLeaf> leaves() {
        return leaves;
    }

    public int size() {
        return leaves.size();
    }

    /** The tree's root, in hex. */
    public String root() {
        return Hashes.hex(tree.root());
    }

    /** Where the offer's leaf is, if this digest covers it. */
    public OptionalInt indexOf(String offerId) {
        int low = 0;
        int high = leaves.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = leaves.get(middle).offerId().compareTo(offerId);
            if (order == 0) {
                return OptionalInt.of(middle);
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return OptionalInt.empty();
    }

    /** The inclusion proof of the leaf at {@code index}, in hex, from the leaf up. */
    public List<String> inclusion(int index) {
        return tree.inclusionProof(index).stream().map(Hashes::hex).toList();
    }
}
