package firstrefusal.wire;

import static firstrefusal.wire.JsonFieldReader.choice;
import static firstrefusal.wire.JsonFieldReader.date;
import static firstrefusal.wire.JsonFieldReader.decimal;
import static firstrefusal.wire.JsonFieldReader.instant;
import static firstrefusal.wire.JsonFieldReader.requireObject;
import static firstrefusal.wire.JsonFieldReader.text;
import static firstrefusal.wire.JsonFieldReader.wholeInt;
import static firstrefusal.wire.JsonFieldReader.wholeLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.RefusedValue;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;

/**
 * The wire contract (src/docs/contract.md, "Messages in" and "Decisions"): JSON messages in, decisions out. Reading checks the JSON shape
 * (presence, types, formats) and names the field at fault; the ranges are checked by the domain
 * records themselves. Unknown fields are ignored, so senders may add to the contract.
 */
public final class MessageJson {


    public static final String OFFER = "offer";
    public static final String HOLDER_RESPONSE = "holder-response";
    public static final String WITHDRAWAL = "withdrawal";


    private MessageJson() {
    }

    /** Reads one offer message from the wire; {@code kind} says which. The ranges are the domain's to check. */
    public static OfferMessage read(JsonNode node) {
        return read(node, false);
    }

    /**
     * Reads a message kept on record, as it was written ({@link #canonical}): its shape only, none of today's limits,
     * so a rule tightened since never makes the record unreadable.
     */
    public static OfferMessage readKept(String canonical) {
        return read(WireJson.parse(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8), "message"), true);
    }

    private static OfferMessage read(JsonNode node, boolean kept) {
        requireObject(node, "message");
        String kind = text(node, "kind");
        return switch (kind) {
            case OFFER -> offer(node, kept);
            case HOLDER_RESPONSE -> response(node, kept);
            case WITHDRAWAL -> new Withdrawal(text(node, "offerId"), instant(node, "withdrawnAt", kept));
            default -> throw new InvalidMessageException("kind", "must be one of offer, holder-response, withdrawal, was "
                    + RefusedValue.quoted(kind));
        };
    }

    private static CapacityOffer offer(JsonNode n, boolean kept) {
        return new CapacityOffer(text(n, "offerId"), n.has("revision") ? wholeInt(n, "revision") : 1, text(n, "provider"),
                wholeLong(n, "gpus"), n.hasNonNull("megawatts") ? decimal(n, "megawatts", kept) : null,
                text(n, "region"), choice(n, "workload", Workload.class), date(n, "startDate"), wholeInt(n, "termMonths"),
                decimal(n, "pricePerGpuHourUsd", kept), n.hasNonNull("validUntil") ? instant(n, "validUntil", kept) : null,
                instant(n, "receivedAt", kept), n.hasNonNull("customer") ? text(n, "customer") : null);
    }

    private static HolderResponse response(JsonNode n, boolean kept) {
        return new HolderResponse(text(n, "responseId"), text(n, "offerId"), text(n, "responder"),
                choice(n, "answer", Answer.class), instant(n, "respondedAt", kept),
                n.hasNonNull("revision") ? wholeInt(n, "revision") : null);
    }

    /**
     * A message in its canonical JSON, as it is kept with the history entry it caused: {@code kind} first, then the
     * fields in the order of the contract, optional fields only when present, decimals as written. {@link #read}
     * gives back an equal message.
     */
    public static String canonical(OfferMessage message) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        switch (message) {
            case CapacityOffer m -> {
                o.put("kind", OFFER).put("offerId", m.offerId()).put("revision", m.revision()).put("provider", m.provider())
                        .put("gpus", m.gpus());
                if (m.megawatts() != null) {
                    o.put("megawatts", m.megawatts());
                }
                o.put("region", m.region()).put("workload", m.workload().name()).put("startDate", m.startDate().toString())
                        .put("termMonths", m.termMonths()).put("pricePerGpuHourUsd", m.pricePerGpuHourUsd());
                if (m.validUntil() != null) {
                    o.put("validUntil", m.validUntil().toString());
                }
                o.put("receivedAt", m.receivedAt().toString());
                if (m.customer() != null) {
                    o.put("customer", m.customer());
                }
            }
            case HolderResponse m -> {
                o.put("kind", HOLDER_RESPONSE).put("responseId", m.responseId()).put("offerId", m.offerId())
                        .put("responder", m.responder()).put("answer", m.answer().name()).put("respondedAt", m.respondedAt().toString());
                if (m.revision() != null) {
                    o.put("revision", m.revision());
                }
            }
            case Withdrawal m -> o.put("kind", WITHDRAWAL).put("offerId", m.offerId()).put("withdrawnAt", m.withdrawnAt().toString());
        }
        return o.toString();
    }

    /** The wire kind of a message. */
    public static String kind(OfferMessage message) {
        return switch (message) {
            case CapacityOffer o -> OFFER;
            case HolderResponse r -> HOLDER_RESPONSE;
            case Withdrawal w -> WITHDRAWAL;
        };
    }
}
