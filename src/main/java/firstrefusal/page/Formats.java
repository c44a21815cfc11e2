package firstrefusal.page;

import firstrefusal.domain.Words;
import firstrefusal.wire.WireText;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How values read on the page, as Qute extension methods: {@code {row.timeLeft.human}}, {@code {group.gpus.thousands}},
 * {@code {d.status.label}}. One format for people everywhere: an instant is {@code 2026-12-13 19:00 UTC}, a day
 * {@code 2026-12-13}, a length of time in words ({@code 14 days}). JSON keeps ISO 8601 for machines.
 */
@TemplateExtension
public final class Formats {

    /** The one way the page writes an instant; {@link Inputs#instant} reads it back. */
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern PAGE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
    /** The ISO-8601 instants decision reasons are written with (the wire keeps them so). */
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

    private Formats() {
    }

    public static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    static String day(Instant instant) {
        return instant == null ? "—" : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    static String day(LocalDate date) {
        return date == null ? "—" : date.toString();
    }

    /** A reason with its instants and lengths of time in the page's format. */
    static String readable(String reason) {
        String times = ISO_INSTANT.matcher(reason).replaceAll(m -> Matcher.quoteReplacement(utc(Instant.parse(m.group()))));
        return Words.durationsIn(times);
    }

    /**
     * A sentence for HTML, escaped, with each instant in the page's format kept on one line: a reader never sees
     * "2026-11-" at the end of a line and "22 15:00 UTC" at the start of the next.
     */
    static RawString nowrapTimes(String sentence) {
        StringBuilder html = new StringBuilder();
        Matcher m = PAGE_TIME.matcher(sentence);
        int at = 0;
        while (m.find()) {
            html.append(escape(sentence.substring(at, m.start()))).append("<span class=\"t\">").append(m.group()).append("</span>");
            at = m.end();
        }
        return new RawString(html.append(escape(sentence.substring(at))).toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /**
     * An enum constant's name ({@code {s.name}}, the value a filter sends back). {@code name()} is declared by
     * {@code java.lang.Enum}, for which the Qute extension generates no value resolver: without this the page would read
     * it by reflection, which a native image does not allow for it (TemplatesWithoutReflectionTest).
     */
    static String name(Enum<?> constant) {
        return constant.name();
    }




    /** ISO-8601 to the second, for JSON and links. */
    static String iso(Instant instant) {
        return WireText.instant(instant);
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

    /** A length of time in words: "14 days", "1 day 12 hours", "10 minutes" (the domain's words, as every reason says them). */
    public static String words(Duration duration) {
        return Words.duration(duration);
    }

    /** A term's value in the page's words: a length of time, a day, an instant as above; names listed; the rest as written. */
    static String inWords(Object value) {
        return switch (value) {
            case Duration d -> words(d);
            case LocalDate d -> day(d);
            case Instant t -> utc(t);
            case BigDecimal n -> n.toPlainString();
            case Collection<?> names -> String.join(", ", names.stream().map(String::valueOf).sorted().toList());
            default -> String.valueOf(value);
        };
    }

    static String thousands(Long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String thousands(Integer value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String thousands(BigInteger value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A decimal exactly as given (its scale kept: 2.10 stays 2.10), its whole part with separators. */
    static String plain(BigDecimal value) {
        if (value == null) {
            return "—";
        }
        String text = value.toPlainString();
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        return String.format(Locale.ROOT, "%,d", new BigInteger(whole)) + (dot < 0 ? "" : text.substring(dot));
    }

    /** Dollars with separators and at least cents: {@code $16,819,200,000.00}, {@code $2.105}. */
    static String usd(BigDecimal value) {
        return "$" + plain(value.setScale(Math.max(2, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY));
    }
}
