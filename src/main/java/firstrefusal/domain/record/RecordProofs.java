package firstrefusal.domain.record;

import java.util.List;
import java.util.Optional;

/**
 * An offer's proof, read and checked, and the digests kept: what {@code GET /offers/{offerId}/proof}, the offer's page and
 * {@code GET /api/digests} show.
 */
public final class RecordProofs {

    private final ChainStore chains;
    private final DigestStore digests;

    public RecordProofs(ChainStore chains, DigestStore digests) {
        this.chains = chains;
        this.digests = digests;
    }

    /** The offer's chain as stored, checked against the digest that last took its head; empty when no such offer. */
    public Optional<OfferProof> of(String offerId) {
        return chains.chain(offerId).map(chain ->
                OfferProof.check(chain, chain.digested().flatMap(pointer -> digests.digest(pointer.digestId()))));
    }

    /** Digests newest first, at most {@code limit}, from before {@code before} (empty: from the newest). */
    public List<DigestStore.Kept> digests(Optional<Long> before, int limit) {
        return digests.digests(before, limit);
    }
}
