package firstrefusal.adapters.out.eventbridge;

import firstrefusal.domain.events.EventBus;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.record.Digest;
import java.util.List;
import java.util.Optional;

/** The {@link EventBus} on EventBridge: the offers' events through {@link EventPublisher}, digests through {@link DigestEvents}. */
public record EventBridgeBus(EventPublisher offers, DigestEvents digests) implements EventBus {

    @Override
    public Published publish(List<OfferEvent> events) {
        EventPublisher.Result result = offers.publish(events);
        return new Published(result.published(), result.failure());
    }

    @Override
    public Optional<String> publish(Digest digest) {
        return digests.publish(digest);
    }
}
