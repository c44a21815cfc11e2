package firstrefusal.domain.events;

import firstrefusal.domain.record.Digest;
import java.util.List;
import java.util.Optional;

/** Where what the record holds goes out: the offers' events, in order, and the record's digests. */
public interface EventBus {

    /** How far a publication got: the first {@code published} events were accepted; if not all, {@code failure} says why. */
    record Published(int published, Optional<String> failure) {
    }

    /** Publishes in the order given; nothing after the first refused event counts as published. */
    Published publish(List<OfferEvent> events);

    /** Publishes a digest of the record; empty when it was accepted, else why not. */
    Optional<String> publish(Digest digest);
}
