package firstrefusal.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.wire.MessageJson;

/** Writes a domain message as the JSON a sender puts on the wire (src/docs/contract.md, "Messages in"), to feed the handler. */
public final class WireMessages {

    public static final ObjectMapper JSON = new ObjectMapper();

    private WireMessages() {
    }

    public static String json(OfferMessage message) {
        return object(message).toString();
    }

    /** The message as the contract writes it: the same canonical JSON the product keeps on record. */
    public static ObjectNode object(OfferMessage message) {
        try {
            return (ObjectNode) JSON.readTree(MessageJson.canonical(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
