package firstrefusal.adapters.out.eventbridge;

import firstrefusal.answer.AnswerLinks;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.wire.EventJson;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Events onto one EventBridge bus with {@code PutEvents}: source {@value EventJson#SOURCE}, the detail of
 * src/docs/contract.md.
 *
 * @param bus    the bus name or ARN ({@code capacity.events.bus})
 * @param agreement for what the detail says of the holder and the provider, as the version in force names them
 * @param links     the answer link a notice and a reminder carry, when links are made
 */
public record EventBridgeSink(EventBridgeClient client, String bus, Agreement agreement, AnswerLinks links)
        implements EventPublisher.EventSink {

    /** Without answer links. */
    public EventBridgeSink(EventBridgeClient client, String bus, Agreement agreement) {
        this(client, bus, agreement, AnswerLinks.NONE);
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
                .source(EventJson.SOURCE)
                .detailType(EventJson.detailType(event))
                .detail(EventJson.detail(event, agreement, answerUrl(event)).toString())
                .build();
    }

    /** The link of the window a notice or reminder asks about, while the offer awaits the holder. */
    private Optional<String> answerUrl(OfferEvent event) {
        return switch (event) {
            case OfferEvent.FirstRefusalRequested notice -> links.url(notice.offerId(), notice.window(), notice.respondBy());
            case OfferEvent.FirstRefusalReminder reminder -> links.url(reminder.offerId(), reminder.window(), reminder.respondBy());
            case OfferEvent.OfferDecided decided -> Optional.empty();
        };
    }

    private static Optional<String> error(PutEventsResultEntry result) {
        return result.errorCode() == null ? Optional.empty()
                : Optional.of(result.errorCode() + (result.errorMessage() == null ? "" : ": " + result.errorMessage()));
    }
}
