package firstrefusal.page;

import firstrefusal.domain.RefusedValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people type into the page's query strings and forms, read once for every page: instants and days in the page's
 * own format or ISO 8601, lengths of time in days and hours. A value it cannot read is a {@link BadRequest} naming the
 * field and echoing what was typed.
 */
final class Inputs {

    /** "2026-12-01 15:00", with an optional " UTC" and optional seconds: the page's format, read back. */
    private static final Pattern PAGE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2})?)(?: ?UTC| ?Z)?",
            Pattern.CASE_INSENSITIVE);
    /** "14 days", "14d", "1 day 12 hours", "36h", "90 minutes". */
    private static final Pattern WORDS = Pattern.compile("\\s*(\\d+)\\s*(days?|d|hours?|h|minutes?|mins?|m)\\s*",
            Pattern.CASE_INSENSITIVE);
    static final String INSTANT_EXAMPLE = "a date such as 2026-12-01 or a time such as 2026-12-01 15:00 UTC";

    private Inputs() {
    }

    /** A query value, if given and not blank. */
    static Optional<String> param(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank()).map(String::trim);
    }

    /**
     * A day (that whole UTC day: its start, or with {@code endOfDay} its last millisecond), a time in the page's format
     * ({@code 2026-12-01 15:00 UTC}), or an ISO-8601 instant with {@code Z} or an offset.
     */
    static Instant instant(String name, String value, boolean endOfDay) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Matcher page = PAGE_TIME.matcher(v);
            if (page.matches()) {
                return LocalDateTime.parse(page.group(1) + "T" + page.group(2)).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadRequest(name, "must be " + INSTANT_EXAMPLE + ", was " + RefusedValue.quoted(value));
        }
    }

    /** A positive length of time in days, hours or minutes ({@code 7 days}, {@code 36h}), or ISO 8601 ({@code P7D}). */
    static Duration duration(String name, String value) {
        String v = value.trim();
        Duration d;
        try {
            d = v.toUpperCase(Locale.ROOT).startsWith("P") || v.startsWith("-") ? Duration.parse(v) : words(v);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new BadRequest(name, "must be a length of time such as 7 days, 36 hours or 1 day 12 hours, was " + RefusedValue.quoted(value));
        }
        if (!d.isPositive()) {
            throw new BadRequest(name, "must be longer than no time, was " + RefusedValue.quoted(value));
        }
        return d;
    }

    private static Duration words(String v) {
        Matcher m = WORDS.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            char unit = Character.toLowerCase(m.group(2).charAt(0));
            total = total.plus(unit == 'd' ? Duration.ofDays(n) : unit == 'h' ? Duration.ofHours(n) : Duration.ofMinutes(n));
            end = m.end();
        }
        if (end == 0 || end != v.length()) {
            throw new DateTimeParseException("not a length of time", v, end);
        }
        return total;
    }

    /** The instant a page is shown as of: {@code ?asOf=} in the page's time format or ISO 8601, else {@code now}. */
    static Instant asOf(Map<String, String> query, Instant now) {
        return param(query, "asOf").map(v -> instant("asOf", v, false)).orElse(now);
    }

    /** A path segment, percent-decoded; a malformed one is simply not an offer id. */
    static Optional<String> pathSegment(String segment) {
        try {
            return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
