package firstrefusal.domain.policy;

import java.util.Set;

/** A one-off exception the holder approved earlier (policy key {@code exceptions[]}), such as the June 2024 Oracle deal. */
public record PreApproval(String id, String provider, Set<String> offerIds) {

    public PreApproval {
        offerIds = Set.copyOf(offerIds);
    }

    public boolean covers(String providerId, String offerId) {
        return provider.equals(providerId) && offerIds.contains(offerId);
    }
}
