package firstrefusal.domain.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0) §2.1: the tree a digest's root is the hash of, the
 * inclusion proof of one leaf (§2.1.3.1), and its verification (§2.1.3.2). Leaf and node hashes carry different
 * prefixes (0x00, 0x01), so a node can never be passed off as a leaf.
 */
public final class MerkleTree {

    private static final byte[] LEAF = {0x00};
    private static final byte[] NODE = {0x01};
    private static final int HASH_BYTES = 32;

    private final List<byte[]> leafHashes;

    private MerkleTree(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    /** The tree over these leaves, in this order. */
    public static MerkleTree of(List<byte[]> leaves) {
        return new MerkleTree(leaves.stream().map(MerkleTree::leafHash).toList());
    }

    /** SHA-256(0x00 || leaf). */
    public static byte[] leafHash(byte[] leaf) {
        return Hashes.sha256(LEAF, leaf);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Hashes.sha256(NODE, left, right);
    }

    public int size() {
        return leafHashes.size();
    }

    /** MTH(D[n]); the empty tree's is the hash of nothing, as RFC 9162 has it. */
    public byte[] root() {
        return leafHashes.isEmpty() ? Hashes.sha256() : subtree(0, leafHashes.size());
    }

    /** PATH(m, D[n]) of §2.1.3.1: the sibling hashes from the leaf up to the root. */
    public List<byte[]> inclusionProof(int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, leafHashes.size(), path);
        return List.copyOf(path);
    }

    private void path(int index, int from, int to, List<byte[]> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (index < k) {
            path(index, from, from + k, path);
            path.add(subtree(from + k, to));
        } else {
            path(index - k, from + k, to, path);
            path.add(subtree(from, from + k));
        }
    }

    private byte[] subtree(int from, int to) {
        if (to - from == 1) {
            return leafHashes.get(from);
        }
        int k = split(to - from);
        return nodeHash(subtree(from, from + k), subtree(from + k, to));
    }

    /** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree of n leaves. */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /**
     * The root that an inclusion proof leads to from a leaf hash, by the algorithm of §2.1.3.2; empty when the proof
     * cannot be one for that index and size (too short, too long, a hash not 32 bytes).
     */
    public static Optional<byte[]> rootFromInclusionProof(long index, long treeSize, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= treeSize || leafHash.length != HASH_BYTES) {
            return Optional.empty();
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || p == null || p.length != HASH_BYTES) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                // A last node with no right sibling moves up its level unchanged until it is a right child.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    /** Whether the proof shows the leaf hash at {@code index} in the tree of {@code treeSize} with this root. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        return rootFromInclusionProof(index, treeSize, leafHash, proof).map(r -> Arrays.equals(r, root)).orElse(false);
    }
}
