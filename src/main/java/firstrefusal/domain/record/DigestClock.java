package firstrefusal.domain.record;

import firstrefusal.domain.decisions.ClockChore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Publishes the record's digests (src/docs/contract.md, "A record that proves itself"). When {@code interval} has passed
 * since the last digest and some offer's chain moved since, a tick takes the heads that moved, builds their tree and keeps
 * the digest (the table's stream then puts it on the bus), copies it out of reach, and over the following ticks tells
 * each of those offers where its leaf is, a bounded batch a tick. The next digest waits until that is done, so each
 * covers exactly the heads that moved since the one before.
 */
public final class DigestClock implements ClockChore {

    private final DigestStore store;
    private final DigestArchive archive;
    private final Duration interval;
    private final int leavesPerDigest;
    private final int marksPerTick;

    /**
     * @param leavesPerDigest the most offers one digest takes (what one write of the table holds); when more moved, the
     *                        next digest follows without waiting for the interval
     * @param marksPerTick    how many offers a tick tells where their leaf is
     */
    public DigestClock(DigestStore store, DigestArchive archive, Duration interval, int leavesPerDigest, int marksPerTick) {
        this.store = store;
        this.archive = archive;
        this.interval = interval;
        this.leavesPerDigest = leavesPerDigest;
        this.marksPerTick = marksPerTick;
    }

    @Override
    public void onTick(Instant now) {
        Optional<DigestStore.Kept> latest = store.latest();
        if (latest.isPresent()) {
            DigestStore.Kept kept = latest.get();
            archiveIfDue(kept);
            if (!kept.fullyMarked()) {
                mark(kept.digest(), kept.marked());
                return;
            }
            boolean full = kept.digest().treeSize() >= leavesPerDigest;
            if (!full && now.isBefore(kept.digest().coversUntil().plus(interval))) {
                return;
            }
        }
        List<DigestLeaf> moved = store.undigestedHeads(leavesPerDigest);
        if (moved.isEmpty()) {
            return;
        }
        DigestTree tree = DigestTree.of(moved);
        long id = latest.map(k -> k.digest().digestId() + 1).orElse(1L);
        Digest digest = Digest.of(id, now, latest.map(DigestStore.Kept::hash).orElse(null), tree);
        if (store.keep(digest, tree)) {
            archiveIfDue(new DigestStore.Kept(digest, digest.hash(), 0, false));
            mark(digest, tree, 0);
        }
    }

    private void archiveIfDue(DigestStore.Kept kept) {
        if (archive.configured() && !kept.archived()) {
            archive.archive(kept.digest());
            store.archived(kept.digest().digestId());
        }
    }

    private void mark(Digest digest, int from) {
        mark(digest, store.tree(digest.digestId()), from);
    }

    private void mark(Digest digest, DigestTree tree, int from) {
        int to = (int) Math.min(tree.size(), (long) from + marksPerTick);
        store.mark(digest, tree, from, to);
    }
}
