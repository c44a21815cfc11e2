package firstrefusal.domain.policy;

import java.time.Instant;

/**
 * An agreement as it was deployed: the terms a function started under, and the instant the first function started
 * under them (src/docs/contract.md, "Configuration takes effect when it is deployed"). Recorded once per distinct
 * agreement, so a re-fold of any offer is a function of its record alone.
 *
 * @param id         identifies the agreement by its terms: the same terms deployed again are the same deployment
 * @param deployedAt when the first function started under it
 */
public record Deployment(String id, Instant deployedAt, Agreement agreement) {

    /** Before any deployment was recorded: the record written then was judged under the first one on record. */
    public static final Instant BEFORE_RECORDS = Instant.MIN;
}
