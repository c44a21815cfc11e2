package firstrefusal.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.HolderResponse;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.Withdrawal;

/** Writes a domain message as the JSON a sender puts on the wire (src/docs/contract.md, "Messages in"), to feed the handler. */
public final class WireMessages {

    public static final ObjectMapper JSON = new ObjectMapper();

    private WireMessages() {
    }

    public static String json(OfferMessage message) {
        return object(message).toString();
    }

    public static ObjectNode object(OfferMessage message) {
        ObjectNode o = JSON.createObjectNode();
        switch (message) {
            case CapacityOffer offer -> {
                o.put("kind", "offer");
                o.put("offerId", offer.offerId());
                o.put("revision", offer.revision());
                o.put("provider", offer.provider());
                o.put("gpus", offer.gpus());
                if (offer.megawatts() != null) {
                    o.put("megawatts", offer.megawatts());
                }
                o.put("region", offer.region());
                o.put("workload", offer.workload().name());
                o.put("startDate", offer.startDate().toString());
                o.put("termMonths", offer.termMonths());
                o.put("pricePerGpuHourUsd", offer.pricePerGpuHourUsd());
                if (offer.validUntil() != null) {
                    o.put("validUntil", offer.validUntil().toString());
                }
                o.put("receivedAt", offer.receivedAt().toString());
            }
            case HolderResponse response -> {
                o.put("kind", "holder-response");
                o.put("responseId", response.responseId());
                o.put("offerId", response.offerId());
                o.put("responder", response.responder());
                o.put("answer", response.answer().name());
                o.put("respondedAt", response.respondedAt().toString());
            }
            case Withdrawal withdrawal -> {
                o.put("kind", "withdrawal");
                o.put("offerId", withdrawal.offerId());
                o.put("withdrawnAt", withdrawal.withdrawnAt().toString());
            }
        }
        return o;
    }
}
