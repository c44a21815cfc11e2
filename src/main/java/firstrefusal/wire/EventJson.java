package firstrefusal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.time.Instant;
import java.util.Optional;

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

    /** Under a policy that was never amended. */
    public static ObjectNode detail(OfferEvent event, Policy policy) {
        return detail(event, Agreement.of(policy));
    }

    /**
     * The detail of an event, naming the holder and the provider as the version in force at its decision names them (a
     * provider a later version no longer lists keeps the name an earlier one gave it).
     */
    public static ObjectNode detail(OfferEvent event, Agreement agreement) {
        return detail(event, agreement, Optional.empty());
    }

    /** ... and the link on which the holder answers it, on a notice or a reminder when links are made. */
    public static ObjectNode detail(OfferEvent event, Agreement agreement, Optional<String> answerUrl) {
        Policy policy = agreement.policyAt(event.decision().decidedAt());
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("eventId", event.eventId());
        o.put("offerId", event.offerId());
        o.put("sequence", event.sequence());
        o.set("decision", DecisionJson.write(event.decision()));
        o.set("offer", offer(event.offer(), providerName(event.offer().provider(), policy, agreement)));
        o.put("holder", policy.holder());
        o.put("respondBy", text(event.respondBy()));
        if (event instanceof OfferEvent.FirstRefusalReminder reminder) {
            o.putObject("reminder").put("lead", reminder.lead()).put("secondsLeft", reminder.timeLeft().toSeconds());
        }
        answerUrl.ifPresent(url -> o.put("answerUrl", url));
        return o;
    }

    private static String providerName(String provider, Policy inForce, Agreement agreement) {
        return inForce.provider(provider).map(Provider::name).orElseGet(() -> agreement.versions().reversed().stream()
                .flatMap(v -> v.policy().provider(provider).stream()).map(Provider::name).findFirst().orElse(provider));
    }

    private static ObjectNode offer(CapacityOffer offer, String providerName) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("revision", offer.revision());
        o.put("provider", offer.provider());
        o.put("providerName", providerName);
        return DecisionJson.writeTerms(o, offer);
    }

    private static String text(Instant instant) {
        return WireText.instant(instant);
    }
}
