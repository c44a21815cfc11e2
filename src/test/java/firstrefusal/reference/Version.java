package firstrefusal.reference;

import java.time.Instant;

/**
 * A version of the agreement: the base ({@code effectiveFrom} null) or a dated amendment, in force from
 * {@code effectiveFrom} inclusive (SPEC §12). {@code releasesPending} is the amendment's {@code pending-offers: release}.
 */
public record Version(Terms terms, Instant effectiveFrom, boolean releasesPending) {}
