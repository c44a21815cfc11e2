package firstrefusal.eventbridge;

import firstrefusal.notice.EventPublisher;
import firstrefusal.notice.OfferEvent;
import firstrefusal.policy.Policy;
import firstrefusal.wire.EventJson;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Events onto one EventBridge bus with {@code PutEvents}: source {@value OfferEvent#SOURCE}, the detail of src/docs/contract.md. */
public final class EventBridgeSink implements EventPublisher.EventSink {

    private final EventBridgeClient client;
    private final String bus;
    private final Policy policy;

    public EventBridgeSink(EventBridgeClient client, String bus, Policy policy) {
        this.client = client;
        this.bus = bus;
        this.policy = policy;
    }

    @Override
    public List<Optional<String>> put(List<OfferEvent> events) {
        PutEventsResponse response = client.putEvents(PutEventsRequest.builder()
                .entries(events.stream().map(this::entry).toList())
                .build());
        // The result entries answer the request entries in order; a failed one has an error code.
        return response.entries().stream().map(EventBridgeSink::error).toList();
    }

    private PutEventsRequestEntry entry(OfferEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(bus)
                .source(OfferEvent.SOURCE)
                .detailType(event.detailType())
                .detail(EventJson.detail(event, policy).toString())
                .build();
    }

    private static Optional<String> error(PutEventsResultEntry result) {
        return result.errorCode() == null ? Optional.empty()
                : Optional.of(result.errorCode() + (result.errorMessage() == null ? "" : ": " + result.errorMessage()));
    }
}
