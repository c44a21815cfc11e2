package firstrefusal.domain.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where offers' chains are read for their proofs, and where the clock chains records older than the chain. */
public interface ChainStore {

    /**
     * An offer's record as its chain holds it: every item with a place in the chain, in seq order, with its canonical
     * form rebuilt from what the product reads of it; the items without one; the head on the state; when the clock
     * chained it, if it was older than the chain; and where the newest digest that took its head keeps its leaf.
     */
    record StoredChain(String offerId, List<HashChain.Link> items, List<String> unchained, Optional<RecordProof.Head> head,
            Optional<Instant> chainedAt, Optional<DigestPointer> digested) {

        public StoredChain {
            items = List.copyOf(items);
            unchained = List.copyOf(unchained);
        }
    }

    /** Where an offer's leaf is in a digest: the digest, the leaf's place, its inclusion proof, and the seq it holds. */
    record DigestPointer(long digestId, long leafIndex, List<String> inclusion, long seq) {

        public DigestPointer {
            inclusion = List.copyOf(inclusion);
        }
    }

    /** The offer's chain as stored; empty when the offer was never recorded. */
    Optional<StoredChain> chain(String offerId);

    /** What one pass over older records did: offers chained, and where the next pass goes on (empty: it went through all). */
    record Pass(int chained, Optional<String> next) {
    }

    /**
     * Chains, at {@code now}, the offers of a page of at most {@code limit} offers from {@code after} that have items
     * outside their chain: recorded before the chain was, or by a release older than it. Their items keep the order they
     * were recorded in, after what is chained already; the offer says when it was chained.
     */
    Pass chainOlder(Optional<String> after, int limit, Instant now);

    /** Where the clock's passes over older records stand: where the next one goes on, and when the last full one ended. */
    record Progress(Optional<String> next, Optional<Instant> completedAt) {
    }

    Progress chainingProgress();

    void chainingProgressed(Progress progress);
}
