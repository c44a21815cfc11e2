package firstrefusal.offer;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Field checks shared by the message records; each failure names its field. */
final class Fields {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final int MAX_TEXT = 256;
    /** 20 + 18 digits: within the 38 significant digits a DynamoDB number holds. */
    static final int MAX_INTEGER_DIGITS = 20;
    static final int MAX_FRACTION_DIGITS = 18;

    private Fields() {
    }

    static String id(String field, String value) {
        present(field, value);
        if (!ID.matcher(value).matches()) {
            throw new InvalidMessageException(field, "must match [A-Za-z0-9._:-]{1,128}, was " + quoted(value));
        }
        return value;
    }

    static String text(String field, String value) {
        present(field, value);
        if (value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMessageException(field, "must be 1 to " + MAX_TEXT + " printable characters, was " + quoted(value));
        }
        return value;
    }

    /**
     * A decimal a person could have written: a huge or tiny exponent (1E+999999999) would cost a gigabyte
     * to print in full, and more than 38 significant digits cannot be stored.
     */
    static BigDecimal decimal(String field, BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.precision() - plain.scale() > MAX_INTEGER_DIGITS || plain.scale() > MAX_FRACTION_DIGITS) {
            throw new InvalidMessageException(field, "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point and "
                    + MAX_FRACTION_DIGITS + " after, was " + value);
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidMessageException(field, "is required");
        }
        return value;
    }

    static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidMessageException(field, problem);
        }
    }

    /** Quotes a rejected value for an error message, cut short so a huge value cannot flood logs. */
    static String quoted(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…(" + value.length() + " chars)" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
