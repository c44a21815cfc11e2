package firstrefusal.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as people read it, everywhere the product says one: on the page, in a decision's reason, in an error.
 * ISO 8601 ({@code PT336H}) is for configuration and machines; a reader of a reason or a refusal gets {@code 14 days}.
 */
public final class Words {

    /** An ISO-8601 duration as reasons used to write them ({@code PT1H}, {@code P14D}, {@code PT336H}). */
    private static final Pattern ISO_DURATION = Pattern.compile(
            "\\bP(?=T?\\d)(?:\\d+D)?(?:T(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?\\b");

    private Words() {
    }

    /** The text with every ISO-8601 duration in it said in words: a reason recorded before reasons said them so reads alike. */
    public static String durationsIn(String text) {
        return ISO_DURATION.matcher(text).replaceAll(m -> Matcher.quoteReplacement(parsed(m.group())));
    }

    private static String parsed(String iso) {
        try {
            return duration(Duration.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** "14 days", "1 day 12 hours", "10 minutes"; "no time" for zero, "minus ..." below it. */
    public static String duration(Duration duration) {
        if (duration.isZero()) {
            return "no time";
        }
        Duration d = duration.abs();
        List<String> parts = new ArrayList<>();
        unit(parts, d.toDays(), "day");
        unit(parts, d.toHoursPart(), "hour");
        unit(parts, d.toMinutesPart(), "minute");
        unit(parts, d.toSecondsPart(), "second");
        return (duration.isNegative() ? "minus " : "") + String.join(" ", parts);
    }

    private static void unit(List<String> parts, long n, String unit) {
        if (n != 0) {
            parts.add(n + " " + unit + (n == 1 ? "" : "s"));
        }
    }
}
