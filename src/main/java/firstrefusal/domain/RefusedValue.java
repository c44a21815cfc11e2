package firstrefusal.domain;

/**
 * What was sent or typed, echoed back in an error message: cut short, so a huge value cannot flood a log or a page, and
 * with control characters replaced, so it cannot forge a log line. The one place every refusal quotes a value.
 */
public final class RefusedValue {

    /** Longer values are cut here, and say how long they were. */
    static final int SHOWN = 64;

    private RefusedValue() {
    }

    /** The value in single quotes: {@code 'P7X'}. */
    public static String quoted(String value) {
        return "'" + shown(value) + "'";
    }

    /** The value as it may be shown, without quotes. */
    public static String shown(String value) {
        String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "…(" + value.length() + " chars)" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
