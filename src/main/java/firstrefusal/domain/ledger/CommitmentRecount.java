package firstrefusal.domain.ledger;

import firstrefusal.domain.decisions.ClockChore;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.OfferState;
import firstrefusal.domain.policy.Commitment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts a commitment from the whole record (src/docs/contract.md, "Commitments"): a deployment that adds or changes a
 * commitment finds decisions recorded before it, which {@code notify} counted under another agreement or not at all.
 * Each clock tick goes on with a few bounded pages of offers (never a Scan) from where the last one stopped, sets each
 * offer's contribution as of its latest entry (the ledger keeps the higher sequence, so the stream's own counting and
 * the recount never count an offer twice), and records where it got to. Until it is done the commitment says
 * {@code recounting}.
 */
public final class CommitmentRecount implements ClockChore {

    private final AgreementTally tally;
    private final AgreementLedger ledger;
    private final OfferStore store;
    private final int pageSize;
    private final int pagesPerTick;

    public CommitmentRecount(AgreementTally tally, AgreementLedger ledger, OfferStore store, int pageSize, int pagesPerTick) {
        this.tally = tally;
        this.ledger = ledger;
        this.store = store;
        this.pageSize = pageSize;
        this.pagesPerTick = pagesPerTick;
    }

    @Override
    public void onTick(Instant now) {
        for (Commitment commitment : tally.commitments()) {
            AgreementLedger.Progress progress = ledger.progress(commitment);
            if (!progress.recounted()) {
                recount(commitment, progress.recountFrom());
            }
        }
    }

    /** Up to {@code pagesPerTick} pages of offers, from {@code from}; true when the recount is done. */
    boolean recount(Commitment commitment, Optional<String> from) {
        Optional<String> cursor = from;
        for (int page = 0; page < pagesPerTick; page++) {
            OfferStore.StatePage states = store.offerStates(cursor, pageSize);
            for (OfferState state : states.states()) {
                BigDecimal value = tally.contribution(commitment, state.decision(), state.offer());
                ledger.contribute(commitment, state.offerId(), state.entries(), value);
            }
            cursor = states.next();
            ledger.recounted(commitment, cursor);
            if (cursor.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
