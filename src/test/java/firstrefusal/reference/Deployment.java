package firstrefusal.reference;

import java.time.Instant;

/** An agreement as deployed, with the instant it was first started under (SPEC §11, "takes effect when it is deployed"). */
public record Deployment(Instant deployedAt, Agreement agreement) {}
