package firstrefusal.domain.decisions;

import firstrefusal.domain.offer.Recorded;
import firstrefusal.domain.record.Digest;
import java.util.Optional;

/**
 * What a change of the store, as its change feed carries it (a {@code C}: for DynamoDB, a stream record's new image),
 * records: a history entry or a reminder, which leave as events, a digest of the record, or nothing that leaves.
 */
public interface RecordedChanges<C> {

    /** The history entry or reminder a new item records, if it is one. */
    Optional<Recorded> recordedIn(C change);

    /** The digest a new item keeps, if it is one. */
    Optional<Digest> digestIn(C change);
}
