package firstrefusal.domain.record;

import firstrefusal.domain.decisions.ClockChore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Chains the records written before the chain (src/docs/contract.md, "Records older than the chain"): each clock tick
 * goes on with a few bounded pages of offers from where the last one stopped, chains those with items outside their
 * chain, and records where it got to. A full pass is made again a day after the last one ended, for what a release older
 * than the chain may have written meanwhile; an offer chained already costs a read.
 */
public final class ChainOlderRecords implements ClockChore {

    static final Duration AGAIN_AFTER = Duration.ofDays(1);

    private final ChainStore store;
    private final int pageSize;
    private final int pagesPerTick;

    public ChainOlderRecords(ChainStore store, int pageSize, int pagesPerTick) {
        this.store = store;
        this.pageSize = pageSize;
        this.pagesPerTick = pagesPerTick;
    }

    @Override
    public void onTick(Instant now) {
        ChainStore.Progress progress = store.chainingProgress();
        boolean between = progress.next().isEmpty() && progress.completedAt().isPresent();
        if (between && now.isBefore(progress.completedAt().get().plus(AGAIN_AFTER))) {
            return;
        }
        Optional<String> cursor = progress.next();
        for (int page = 0; page < pagesPerTick; page++) {
            cursor = store.chainOlder(cursor, pageSize, now).next();
            if (cursor.isEmpty()) {
                store.chainingProgressed(new ChainStore.Progress(Optional.empty(), Optional.of(now)));
                return;
            }
        }
        store.chainingProgressed(new ChainStore.Progress(cursor, progress.completedAt()));
    }
}
