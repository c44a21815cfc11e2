package firstrefusal.page;

import firstrefusal.domain.record.DigestStore;
import firstrefusal.domain.record.OfferProof;
import firstrefusal.domain.record.RecordProofs;
import firstrefusal.operations.Metrics;
import firstrefusal.wire.RecordJson;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the pages read of the record's proofs (SPEC §13): an offer's proof, checked, and the digests a page at a time.
 * Every check that fails is logged and counted here, so the alarm sees a failed verification wherever it was asked for.
 */
record ProofReads(RecordProofs proofs, Metrics metrics) {

    private static final Logger LOG = Logger.getLogger(ProofReads.class);
    static final int DIGESTS_PER_PAGE = 50;

    /** The offer's proof, checked; a record that does not verify is counted, for the alarm. */
    Optional<OfferProof> checked(String offerId) {
        Optional<OfferProof> checked = proofs.of(offerId);
        checked.filter(p -> p.problem().isPresent()).ifPresent(p -> {
            LOG.errorf("record of offer %s does not verify: %s", offerId, p.problem().get().message());
            metrics.recordVerificationFailed();
        });
        return checked;
    }

    /** {@code GET /api/digests}: newest first, {@value #DIGESTS_PER_PAGE} a page, {@code next} the id to go on before. */
    String digestsJson(Optional<String> next) {
        Optional<Long> before = next.map(ProofReads::digestId);
        List<DigestStore.Kept> page = proofs.digests(before, DIGESTS_PER_PAGE + 1);
        Optional<String> following = page.size() > DIGESTS_PER_PAGE
                ? Optional.of(Long.toString(page.get(DIGESTS_PER_PAGE - 1).digest().digestId())) : Optional.empty();
        return RecordJson.digests(page.subList(0, Math.min(page.size(), DIGESTS_PER_PAGE)), following).toString();
    }

    private static long digestId(String next) {
        try {
            long id = Long.parseLong(next);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the same answer as for zero
        }
        throw new BadRequest("next", "is not a digest id this page gave out; start again from the first page");
    }
}
