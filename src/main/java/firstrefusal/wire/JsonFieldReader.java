package firstrefusal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.domain.RefusedValue;
import firstrefusal.domain.offer.InvalidMessageException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One field of a JSON object read as the contract types it, or refused naming the field and saying what was there
 * instead ({@code gpus: must be a whole number, was the string '64k'}). Every reader of the wire reads through these.
 */
public final class JsonFieldReader {

    private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** Digits a decimal may have before and after its point: 20 + 18, within the 38 significant digits DynamoDB keeps. */
    private static final int MAX_INTEGER_DIGITS = 20;
    private static final int MAX_FRACTION_DIGITS = 18;

    private JsonFieldReader() {
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

    static Instant instant(JsonNode n, String field, boolean kept) {
        String text = text(n, field);
        Instant instant = parsedOrNull(text, Instant::parse);
        if (kept && instant != null) {
            return instant;
        }
        // Four-digit years, as ISO-8601 has them: far beyond, the epoch-millisecond index keys overflow.
        if (instant == null || instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw new InvalidMessageException(field, "must be an ISO-8601 UTC instant with a four-digit year, such as "
                    + "2025-01-21T15:00:00Z, was " + RefusedValue.quoted(text));
        }
        return instant;
    }

    static LocalDate date(JsonNode n, String field) {
        String text = text(n, field);
        LocalDate date = parsedOrNull(text, LocalDate::parse);
        if (date == null || date.getYear() < 0 || date.getYear() > 9999) {
            throw new InvalidMessageException(field, "must be a date YYYY-MM-DD, was " + RefusedValue.quoted(text));
        }
        return date;
    }

    static <T> T parsedOrNull(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static long wholeLong(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidMessageException(field, "must be a whole number, was " + typeOf(v));
        }
        return v.longValue();
    }

    static int wholeInt(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidMessageException(field, "must be a whole number, was " + typeOf(v));
        }
        return v.intValue();
    }

    /**
     * A decimal as a person writes one. A huge or tiny exponent (1E+999999999) would cost a gigabyte to print in full, and
     * DynamoDB keeps at most 38 significant digits: a new message is held to 20 digits before the point and 18 after.
     */
    static BigDecimal decimal(JsonNode n, String field, boolean kept) {
        JsonNode v = required(n, field);
        if (!v.isNumber()) {
            throw new InvalidMessageException(field, "must be a number, was " + typeOf(v));
        }
        BigDecimal value = v.decimalValue();
        BigDecimal plain = value.stripTrailingZeros();
        if (!kept && (plain.precision() - plain.scale() > MAX_INTEGER_DIGITS || plain.scale() > MAX_FRACTION_DIGITS)) {
            throw new InvalidMessageException(field, "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point"
                    + " and " + MAX_FRACTION_DIGITS + " after, was " + RefusedValue.shown(v.asText()));
        }
        return value;
    }

    static <E extends Enum<E>> E choice(JsonNode n, String field, Class<E> type) {
        String text = text(n, field);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(field, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", was " + RefusedValue.quoted(text));
        }
    }

    static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidMessageException(field, "is required");
        }
        return v;
    }

    static String typeOf(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "the string " + RefusedValue.quoted(v.textValue());
            case NUMBER -> "the number " + RefusedValue.shown(v.asText());
            case BOOLEAN -> v.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> v.getNodeType().name().toLowerCase();
        };
    }
}
