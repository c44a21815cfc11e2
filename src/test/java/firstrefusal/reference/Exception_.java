package firstrefusal.reference;

import java.util.Set;

/** A one-off deal the holder approved earlier: rule 7 of the new-offer table (SPEC §2, §4). */
public record Exception_(String id, String provider, Set<String> offerIds) {
    public Exception_ {
        offerIds = Set.copyOf(offerIds);
    }
}
