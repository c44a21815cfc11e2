package firstrefusal.domain.offer;

import firstrefusal.domain.RefusedValue;
import java.util.regex.Pattern;

/** Field checks shared by the message records; each failure names its field. */
final class FieldChecks {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final int MAX_TEXT = 256;

    private FieldChecks() {
    }

    static String id(String field, String value) {
        present(field, value);
        if (!ID.matcher(value).matches()) {
            throw new InvalidMessageException(field, "must match [A-Za-z0-9._:-]{1,128}, was " + RefusedValue.quoted(value));
        }
        return value;
    }

    static String text(String field, String value) {
        present(field, value);
        if (value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMessageException(field, "must be 1 to " + MAX_TEXT + " printable characters, was " + RefusedValue.quoted(value));
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
}
