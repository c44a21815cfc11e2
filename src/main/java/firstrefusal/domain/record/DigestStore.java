package firstrefusal.domain.record;

import java.util.List;
import java.util.Optional;

/** Where digests are kept beside the record, and where the offers whose heads moved since the last one are found. */
public interface DigestStore {

    /**
     * A digest as kept: the digest, its hash, how many of its leaves' offers were told where their leaf is (in leaf
     * order), and whether its copy is out of the operator's reach (false while none is configured or it is yet to be made).
     */
    record Kept(Digest digest, String hash, int marked, boolean archived) {

        public boolean fullyMarked() {
            return marked >= digest.treeSize();
        }
    }

    Optional<Kept> latest();

    Optional<Kept> digest(long digestId);

    /** Digests newest first, at most {@code limit}, from before {@code before} (empty: from the newest). */
    List<Kept> digests(Optional<Long> before, int limit);

    /**
     * The head of every offer whose chain moved since the digest that last took it, read from what changed (never all
     * of history), by offerId, at most {@code atMost}.
     */
    List<DigestLeaf> undigestedHeads(int atMost);

    /** Keeps the digest and its leaves, only if no digest of its id is kept yet; false when one is (another tick's). */
    boolean keep(Digest digest, DigestTree tree);

    /** The leaves of a kept digest, in their order. */
    DigestTree tree(long digestId);

    /**
     * Tells the offers of leaves {@code from} to {@code to} (exclusive) where their leaf is, and takes their heads out
     * of what is undigested unless they moved since; records that the digest is marked up to {@code to}.
     */
    void mark(Digest digest, DigestTree tree, int from, int to);

    /** Records that the digest's copy is out of reach. */
    void archived(long digestId);
}
