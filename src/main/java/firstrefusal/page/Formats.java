package firstrefusal.page;

import firstrefusal.offer.Rule;
import firstrefusal.offer.Status;
import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How values read on the page, as Qute extension methods: {@code {row.timeLeft.human}}, {@code {group.gpus.thousands}},
 * {@code {d.status.label}}. One time format everywhere, reasons included: {@code 2026-12-13 19:00 UTC}.
 */
@TemplateExtension
final class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** The ISO-8601 instants decision reasons are written with (the wire keeps them so). */
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private Formats() {
    }

    static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    /** A reason with its instants in the page's format. */
    static String readable(String reason) {
        return ISO_INSTANT.matcher(reason).replaceAll(m -> Matcher.quoteReplacement(utc(Instant.parse(m.group()))));
    }

    static String label(Status status) {
        return Labels.of(status);
    }

    static String label(Rule rule) {
        return Labels.of(rule);
    }

    /** ISO-8601 to the second, as {@code ?asOf=} takes it. */
    static String iso(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** "13d 4h", "5h 12m", "12m"; past deadlines read "overdue 2h 5m". */
    static String human(Duration left) {
        Duration d = left.abs();
        long days = d.toDays();
        String text = days > 0 ? days + "d " + d.toHoursPart() + "h"
                : d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m"
                : Math.max(d.toMinutes(), 0) + "m";
        return left.isNegative() || left.isZero() ? "overdue " + text : text;
    }

    static String thousands(Long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String thousands(Integer value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String plain(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    static String usd(BigDecimal value) {
        return "$" + value.setScale(Math.max(2, value.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
