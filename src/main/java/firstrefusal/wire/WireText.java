package firstrefusal.wire;

import firstrefusal.domain.Words;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Instants and reasons as every JSON answer, event and CSV row writes them: an instant in whole seconds with {@code Z}
 * ({@code 2026-12-07T00:15:35Z}), which a spreadsheet reads as a time where {@code 00:15:35.118813912Z} stays text; a
 * reason with its instants so too and its lengths of time in words, as the page says them ({@code 1 hour}, not
 * {@code PT1H}). The record keeps what it keeps; only what is written out is cut to the second.
 */
public final class WireText {

    /** An instant with a fraction of a second, as a reason recorded it. */
    private static final Pattern FRACTION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\.\\d+Z");

    private WireText() {
    }

    /** ISO 8601 to the second ({@code 2026-12-07T00:15:35Z}); null stays null. */
    public static String instant(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A decision's reason, or why a kept message changed nothing: instants to the second, lengths of time in words. */
    public static String reason(String text) {
        return text == null ? null : Words.durationsIn(FRACTION.matcher(text).replaceAll("$1Z"));
    }
}
