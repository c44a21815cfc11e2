package firstrefusal.page;

import firstrefusal.domain.record.OfferProof;
import firstrefusal.domain.record.RecordProof;
import java.util.Optional;

/**
 * What the offer's page says of its record's proof (src/docs/contract.md, "A record that proves itself"): verified, and
 * against which digest, or, plainly, what does not match; with the proof itself a link away.
 *
 * @param bad  true when the record does not verify: the page says so in red
 * @param text the sentence
 */
record ProofLine(boolean bad, String text) {

    static ProofLine of(OfferProof checked) {
        if (checked.problem().isPresent()) {
            return new ProofLine(true, "Record does not verify: " + checked.problem().get().message() + ".");
        }
        if (!checked.chained()) {
            return new ProofLine(false, "Record not chained yet: the clock chains records older than the chain on its next ticks.");
        }
        RecordProof proof = checked.proof().orElseThrow();
        long head = proof.head().seq();
        Optional<RecordProof.Digested> digested = proof.digested();
        String since = checked.chainedAt().map(at -> " It was chained on " + Formats.utc(at)
                + ", and holds from then: items recorded before stand as they stood that day.").orElse("");
        if (digested.isEmpty()) {
            return new ProofLine(false, "Record chain verified through seq " + head + "; no digest covers it yet." + since);
        }
        RecordProof.Digested d = digested.get();
        long later = head - d.digestedThrough();
        return new ProofLine(false, "Record verified against digest " + d.digest().digestId() + " of "
                + Formats.utc(d.digest().coversUntil()) + (later > 0 ? "; " + later + (later == 1 ? " item" : " items")
                + " recorded since await the next digest" : "") + "." + since);
    }
}
