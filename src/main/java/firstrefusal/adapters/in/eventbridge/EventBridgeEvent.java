package firstrefusal.adapters.in.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.Message;
import firstrefusal.domain.policy.Policy;
import firstrefusal.wire.JsonFields;
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
        return new EventBridgeEvent(JsonFields.text(event, "detail-type"), event);
    }

    /**
     * The message the event carries. A Holder Response must come from the holder's account when the policy
     * names one: EventBridge sets {@code account} to the sender's, so another account cannot pose as the holder.
     */
    public Message message(Policy policy) {
        if (SCHEDULED_EVENT.equals(detailType)) {
            return new ClockTick(JsonFields.instant(event, "time"));
        }
        String kind = KIND_BY_DETAIL_TYPE.get(detailType);
        if (kind == null) {
            throw new InvalidMessageException("detail-type", "must be one of Capacity Offer, Holder Response, "
                    + "Offer Withdrawal, Scheduled Event, was '" + detailType + "'");
        }
        if (kind.equals(MessageJson.HOLDER_RESPONSE) && policy.holderAccount().isPresent()) {
            String account = JsonFields.text(event, "account");
            if (!policy.acceptsHolderResponseFrom(account)) {
                throw new InvalidMessageException("account", "a Holder Response must come from the holder's account "
                        + policy.holderAccount().get() + ", was '" + account + "'");
            }
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
