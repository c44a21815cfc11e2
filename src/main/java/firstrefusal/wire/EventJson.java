package firstrefusal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.notice.OfferEvent;
import firstrefusal.offer.CapacityOffer;
import firstrefusal.policy.Policy;
import firstrefusal.policy.Provider;
import java.time.Instant;

/** The {@code detail} of an outbound event (src/docs/contract.md, "Events out"): the same shape for all three detail-types. */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectNode detail(OfferEvent event, Policy policy) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("eventId", event.eventId());
        o.put("offerId", event.offerId());
        o.put("sequence", event.sequence());
        o.set("decision", MessageJson.write(event.decision()));
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
        return MessageJson.writeTerms(o, offer);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
