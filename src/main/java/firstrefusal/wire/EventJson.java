package firstrefusal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.time.Instant;

/**
 * An outbound event on the wire (src/docs/contract.md, "Events out"): its source, its detail-type, and its {@code detail},
 * the same shape for all three. The one place a domain event becomes JSON.
 */
public final class EventJson {

    /** The {@code source} of every event on the bus. */
    public static final String SOURCE = "first-refusal";

    private EventJson() {
    }

    /** The {@code detail-type} each kind of event leaves under. */
    public static String detailType(OfferEvent event) {
        return switch (event) {
            case OfferEvent.FirstRefusalRequested notice -> "First Refusal Requested";
            case OfferEvent.FirstRefusalReminder reminder -> "First Refusal Reminder";
            case OfferEvent.OfferDecided decided -> "Offer Decided";
        };
    }

    public static ObjectNode detail(OfferEvent event, Policy policy) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("eventId", event.eventId());
        o.put("offerId", event.offerId());
        o.put("sequence", event.sequence());
        o.set("decision", DecisionJson.write(event.decision()));
        o.set("offer", offer(event.offer(), policy));
        o.put("holder", policy.holder());
        o.put("respondBy", text(event.respondBy()));
        if (event instanceof OfferEvent.FirstRefusalReminder reminder) {
            o.putObject("reminder").put("lead", reminder.lead()).put("secondsLeft", reminder.timeLeft().toSeconds());
        }
        return o;
    }

    private static ObjectNode offer(CapacityOffer offer, Policy policy) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("revision", offer.revision());
        o.put("provider", offer.provider());
        o.put("providerName", policy.provider(offer.provider()).map(Provider::name).orElse(offer.provider()));
        return DecisionJson.writeTerms(o, offer);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
