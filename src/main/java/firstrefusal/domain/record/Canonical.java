package firstrefusal.domain.record;

import firstrefusal.domain.RefusedValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of a value, RFC 8785 (JSON Canonicalization Scheme), for the values a record holds: objects with
 * string keys ({@link Map}), arrays ({@link List}), strings, integers ({@link Long} or {@link Integer}), booleans and
 * null. Anything else is refused rather than written some way: a second implementation (the offline verifier, a
 * holder's own) must produce the very same bytes, and the values where JCS implementations are known to drift are the
 * ones left out. Exact amounts are strings; non-integer numbers are refused, so no number formatting is involved.
 *
 * <p>Written here rather than taken from a JCS library: those parse JSON text, so the record would have to be written as
 * JSON first and parsed again, and the domain must not depend on a JSON library's types.
 */
public final class Canonical {

    /** RFC 8785 asks for I-JSON: numbers are IEEE 754 doubles, so a larger integer could be read back as another. */
    static final long LARGEST_EXACT = (1L << 53) - 1;

    /** Deeper values are refused: a record nests two or three levels, and a cycle must not overflow the stack. */
    static final int MAX_DEPTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Canonical() {
    }

    /** The canonical JSON text of {@code value}. */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    /** The canonical form as the bytes that are hashed: its UTF-8 encoding. */
    public static byte[] utf8(Object value) {
        return json(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("canonical JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b.booleanValue());
            case Long n -> integer(n, out);
            case Integer n -> integer(n, out);
            case Map<?, ?> m -> object(m, out, depth);
            case List<?> l -> array(l, out, depth);
            default -> throw new IllegalArgumentException("canonical JSON takes no " + value.getClass().getSimpleName() + " "
                    + RefusedValue.quoted(String.valueOf(value)) + ": exact amounts are strings, instants their ISO-8601 text");
        }
    }

    private static void integer(long n, StringBuilder out) {
        if (Math.abs(n) > LARGEST_EXACT) {
            throw new IllegalArgumentException("integer " + n + " is beyond 2^53 - 1: RFC 8785 readers take it as a double");
        }
        out.append(n);
    }

    private static void object(Map<?, ?> map, StringBuilder out, int depth) {
        // JCS sorts members by their names' UTF-16 code units: exactly what String.compareTo compares.
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!(member.getKey() instanceof String name)) {
                throw new IllegalArgumentException("canonical JSON object keys are strings, not " + RefusedValue.quoted(String.valueOf(member.getKey())));
            }
            sorted.put(name, member.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : sorted.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            string(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out, depth + 1);
        }
        out.append('}');
    }

    private static void array(List<?> list, StringBuilder out, int depth) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : ",");
            write(list.get(i), out, depth + 1);
        }
        out.append(']');
    }

    /** JCS strings as ECMAScript's JSON.stringify writes them; a lone surrogate is not Unicode, so it is refused. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate U+" + Integer.toHexString(c).toUpperCase()
                                + " at index " + i + ": canonical JSON strings are Unicode text");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
