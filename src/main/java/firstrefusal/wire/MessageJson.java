package firstrefusal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.offer.Answer;
import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.ClockSummary;
import firstrefusal.offer.Decision;
import firstrefusal.offer.HolderResponse;
import firstrefusal.offer.InvalidMessageException;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.Withdrawal;
import firstrefusal.offer.Workload;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The wire contract (src/docs/contract.md, "Messages in" and "Decisions"): JSON messages in, decisions out. Reading checks the JSON shape
 * (presence, types, formats) and names the field at fault; the ranges are checked by the domain
 * records themselves. Unknown fields are ignored, so senders may add to the contract.
 */
public final class MessageJson {

    public static final String OFFER = "offer";
    public static final String HOLDER_RESPONSE = "holder-response";
    public static final String WITHDRAWAL = "withdrawal";

    private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

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
            default -> throw new InvalidMessageException("kind", "must be one of offer, holder-response, withdrawal, was '"
                    + shorten(kind) + "'");
        };
    }

    private static CapacityOffer offer(JsonNode n, boolean kept) {
        return new CapacityOffer(text(n, "offerId"), n.has("revision") ? wholeInt(n, "revision") : 1, text(n, "provider"),
                wholeLong(n, "gpus"), n.hasNonNull("megawatts") ? decimal(n, "megawatts") : null,
                text(n, "region"), choice(n, "workload", Workload.class), date(n, "startDate"), wholeInt(n, "termMonths"),
                decimal(n, "pricePerGpuHourUsd"), n.hasNonNull("validUntil") ? instant(n, "validUntil", kept) : null,
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

    public static ObjectNode write(Decision d) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("offerId", d.offerId());
        o.put("revision", d.revision());
        o.put("provider", d.provider());
        o.put("status", d.status().name());
        o.put("rule", d.rule().name());
        o.put("reason", d.reason());
        o.put("firstRefusalDeadline", d.firstRefusalDeadline() == null ? null : d.firstRefusalDeadline().toString());
        o.put("atRisk", d.atRisk());
        o.put("decidedAt", d.decidedAt().toString());
        o.put("policyVersion", d.policyVersion());
        o.put("duplicate", d.duplicate());
        o.put("late", d.late());
        // Once recorded: when the product wrote it; for a correction, the entry it follows.
        if (d.recordedAt() != null) {
            o.put("recordedAt", d.recordedAt().toString());
        }
        if (d.corrects() != null) {
            o.put("corrects", d.corrects());
        }
        return o;
    }

    public static ObjectNode write(ClockSummary summary) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        ArrayNode lapsed = o.putArray("lapsed");
        summary.lapsed().forEach(lapsed::add);
        ArrayNode expired = o.putArray("expired");
        summary.expired().forEach(expired::add);
        ArrayNode released = o.putArray("released");
        summary.released().forEach(released::add);
        ArrayNode reminded = o.putArray("reminded");
        summary.reminded().forEach(reminded::add);
        return o;
    }

    /** An offer's terms, after whatever identifies it in {@code o}: what the holder is asked to match, and when. */
    public static ObjectNode writeTerms(ObjectNode o, CapacityOffer offer) {
        o.put("gpus", offer.gpus());
        o.put("megawatts", offer.megawatts());
        o.put("region", offer.region());
        o.put("workload", offer.workload().name());
        o.put("startDate", offer.startDate().toString());
        o.put("termMonths", offer.termMonths());
        o.put("pricePerGpuHourUsd", offer.pricePerGpuHourUsd());
        o.put("validUntil", offer.validUntil() == null ? null : offer.validUntil().toString());
        o.put("receivedAt", offer.receivedAt().toString());
        if (offer.customer() != null) {
            o.put("customer", offer.customer());
        }
        return o;
    }

    public static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new InvalidMessageException(what, "must be a JSON object, was " + typeOf(node));
        }
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isTextual()) {
            throw new InvalidMessageException(field, "must be a string, was " + typeOf(v));
        }
        return v.textValue();
    }

    public static Instant instant(JsonNode n, String field) {
        return instant(n, field, false);
    }

    private static Instant instant(JsonNode n, String field, boolean kept) {
        String text = text(n, field);
        Instant instant = parsedOrNull(text, Instant::parse);
        if (kept && instant != null) {
            return instant;
        }
        // Four-digit years, as ISO-8601 has them: far beyond, the epoch-millisecond index keys overflow.
        if (instant == null || instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw new InvalidMessageException(field, "must be an ISO-8601 UTC instant with a four-digit year, such as "
                    + "2025-01-21T15:00:00Z, was '" + shorten(text) + "'");
        }
        return instant;
    }

    private static LocalDate date(JsonNode n, String field) {
        String text = text(n, field);
        LocalDate date = parsedOrNull(text, LocalDate::parse);
        if (date == null || date.getYear() < 0 || date.getYear() > 9999) {
            throw new InvalidMessageException(field, "must be a date YYYY-MM-DD, was '" + shorten(text) + "'");
        }
        return date;
    }

    private static <T> T parsedOrNull(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long wholeLong(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidMessageException(field, "must be a whole number, was " + typeOf(v));
        }
        return v.longValue();
    }

    private static int wholeInt(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidMessageException(field, "must be a whole number, was " + typeOf(v));
        }
        return v.intValue();
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isNumber()) {
            throw new InvalidMessageException(field, "must be a number, was " + typeOf(v));
        }
        return v.decimalValue();
    }

    private static <E extends Enum<E>> E choice(JsonNode n, String field, Class<E> type) {
        String text = text(n, field);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(field, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", was '" + shorten(text) + "'");
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidMessageException(field, "is required");
        }
        return v;
    }

    private static String typeOf(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "the string '" + shorten(v.textValue()) + "'";
            case NUMBER -> "the number " + shorten(v.asText());
            case BOOLEAN -> v.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> v.getNodeType().name().toLowerCase();
        };
    }

    private static String shorten(String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
