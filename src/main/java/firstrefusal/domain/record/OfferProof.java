package firstrefusal.domain.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The proof of one offer's record and what the product's own check of it found (src/docs/contract.md, "A record that
 * proves itself").
 *
 * @param proof     the chain, its head and, once a digest took the offer, that digest and the leaf's inclusion proof;
 *                  empty while the offer is not chained yet
 * @param chainedAt when the clock chained a record older than the chain: the chain holds from then on
 * @param unchained items of the record that have no place in its chain (by their keys); in a chained record, a forgery
 * @param problem   the first thing that does not hold, or empty when the record is verified
 */
public record OfferProof(String offerId, Optional<RecordProof> proof, Optional<Instant> chainedAt, List<String> unchained,
        Optional<Mismatch> problem) {

    public OfferProof {
        unchained = List.copyOf(unchained);
    }

    /** Checks an offer's chain as stored, against the digest that took its head if one did. */
    public static OfferProof check(ChainStore.StoredChain chain, Optional<DigestStore.Kept> digest) {
        if (chain.head().isEmpty()) {
            return new OfferProof(chain.offerId(), Optional.empty(), chain.chainedAt(), chain.unchained(), Optional.empty());
        }
        RecordProof.Head head = chain.head().get();
        Optional<RecordProof.Digested> digested = chain.digested().flatMap(pointer -> digest.map(kept ->
                new RecordProof.Digested(kept.digest(), kept.hash(), pointer.leafIndex(), pointer.inclusion(), pointer.seq())));
        RecordProof proof = new RecordProof(chain.offerId(), HashChain.Start.GENESIS, chain.items(), head, digested);
        Optional<Mismatch> problem;
        if (!chain.unchained().isEmpty()) {
            problem = Optional.of(Mismatch.seq(head.seq() + 1, "an item outside the chain (" + chain.unchained().getFirst() + ")"));
        } else if (chain.digested().isPresent() && digest.isEmpty()) {
            problem = Optional.of(Mismatch.digest(chain.digested().get().digestId(), "not among the digests kept"));
        } else {
            problem = proof.check();
        }
        return new OfferProof(chain.offerId(), Optional.of(proof), chain.chainedAt(), chain.unchained(), problem);
    }

    /** Whether the offer has a chain yet: a record older than the chain has none until the clock chains it. */
    public boolean chained() {
        return proof.isPresent();
    }

    /** The product's own check found nothing wrong in a chained record. */
    public boolean verified() {
        return chained() && problem.isEmpty();
    }
}
