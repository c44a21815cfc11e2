package firstrefusal.adapters.in.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Message;
import firstrefusal.wire.JsonFieldReader;
import firstrefusal.wire.MessageJson;
import java.util.Map;

/**
 * The EventBridge envelope (src/docs/contract.md, "Functions"): its {@code detail-type} says what the {@code detail} is; a
 * {@code Scheduled Event} is the clock and its {@code time} is "now". Read by hand: the Lambda event
 * library's {@code ScheduledEvent} does not map {@code detail-type}.
 */
public record EventBridgeEvent(String detailType, JsonNode event) {

    static final String SCHEDULED_EVENT = "Scheduled Event";

    /** The message kind each message detail-type carries. */
    static final Map<String, String> KIND_BY_DETAIL_TYPE = Map.of(
            "Capacity Offer", MessageJson.OFFER,
            "Holder Response", MessageJson.HOLDER_RESPONSE,
            "Offer Withdrawal", MessageJson.WITHDRAWAL);

    public static boolean isOne(JsonNode event) {
        return event.has("detail-type");
    }

    public static EventBridgeEvent read(JsonNode event) {
        return new EventBridgeEvent(JsonFieldReader.text(event, "detail-type"), event);
    }

    /**
     * The account EventBridge says sent it (a sender cannot forge it): a Holder Response must come from the holder's
     * account of the version in force when it takes effect, which the decision service checks.
     */
    public java.util.Optional<String> account() {
        JsonNode account = event.get("account");
        return account != null && account.isTextual() ? java.util.Optional.of(account.textValue()) : java.util.Optional.empty();
    }

    /** The message the event carries. */
    public Message message() {
        if (SCHEDULED_EVENT.equals(detailType)) {
            return new ClockTick(JsonFieldReader.instant(event, "time"));
        }
        String kind = KIND_BY_DETAIL_TYPE.get(detailType);
        if (kind == null) {
            throw new InvalidMessageException("detail-type", "must be one of Capacity Offer, Holder Response, "
                    + "Offer Withdrawal, Scheduled Event, was '" + detailType + "'");
        }
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new InvalidMessageException("detail", "must be a JSON object holding the " + kind + " message");
        }
        // The detail-type already says the kind; a detail that also states it must agree.
        JsonNode stated = detail.get("kind");
        if (stated != null && !(stated.isTextual() && stated.textValue().equals(kind))) {
            throw new InvalidMessageException("detail.kind", "must be '" + kind + "' for detail-type '" + detailType
                    + "', was " + stated);
        }
        ObjectNode message = ((ObjectNode) detail).deepCopy();
        message.put("kind", kind);
        return MessageJson.read(message);
    }
}
