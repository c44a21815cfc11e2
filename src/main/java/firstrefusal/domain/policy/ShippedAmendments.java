package firstrefusal.domain.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The amendments the project ships ready to switch on by name (configuration {@code policy.shipped-amendments}). Each
 * is written out here, as data: what was reported, and where the report left a choice, the project's reading (the
 * contract doc says which is which).
 */
public final class ShippedAmendments {

    /** The definitive agreement the two companies announced on 2025-10-28. */
    public static final String REVISION_2025_10_28 = "2025-10-28";

    private ShippedAmendments() {
    }

    /** The names of every shipped amendment. */
    public static List<String> names() {
        return List.of(REVISION_2025_10_28);
    }

    /** The shipped amendment of that name, its commitments made to the base policy's holder. */
    public static Optional<Amendment> named(String name, Policy base) {
        if (!REVISION_2025_10_28.equals(name)) {
            return Optional.empty();
        }
        Instant effective = Instant.parse("2025-10-28T00:00:00Z"); // reading: the announcement's date, 00:00 UTC
        Amendment.Changes changes = Amendment.Changes.none()
                .with(Terms.TERM_ENDS, LocalDate.parse("2032-12-31")) // reading: the holder's IP rights run through 2032
                .with(Terms.FIRST_REFUSAL, false) // reported: no right of first refusal on the buyer's compute
                // reported: API access for US national-security customers on any cloud
                .with(Terms.API_EXEMPT_CUSTOMERS, Set.of("us-national-security"));
        return Optional.of(new Amendment(REVISION_2025_10_28, effective, changes,
                Amendment.PendingOffers.RELEASE, // reading: offers pending then are released
                List.of(new Commitment(REVISION_2025_10_28, base.holder(), new BigDecimal("250000000000"), effective,
                        Optional.empty())))); // reported: an incremental $250B of Azure services
    }
}
