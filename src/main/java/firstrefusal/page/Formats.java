package firstrefusal.page;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values read on the page, as Qute extension methods: {@code {row.timeLeft.human}}, {@code {group.gpus.thousands}}. */
@TemplateExtension
final class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
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
