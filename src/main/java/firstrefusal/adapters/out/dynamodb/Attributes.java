package firstrefusal.adapters.out.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attributes of an item, written and read by hand: the one place that says how a Java value is stored. A null value is
 * no attribute at all (DynamoDB stores no null), and an absent attribute reads back as null.
 */
final class Attributes {

    private Attributes() {
    }

    /** Puts {@code value} as {@code as} makes it, unless it is null. */
    static <T> void put(Map<String, AttributeValue> item, String name, T value, Function<T, AttributeValue> as) {
        if (value != null) {
            item.put(name, as.apply(value));
        }
    }

    static void put(Map<String, AttributeValue> item, String name, String value) {
        put(item, name, value, AttributeValue::fromS);
    }

    static void put(Map<String, AttributeValue> item, String name, Number value) {
        put(item, name, value, Attributes::n);
    }

    static AttributeValue s(Object value) {
        return AttributeValue.fromS(value.toString());
    }

    static AttributeValue n(Number value) {
        return AttributeValue.fromN(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    /**
     * A decimal kept exact, as written: DynamoDB would normalise a number ({@code 2.10} comes back as {@code 2.1}), so
     * the terms of an offer are stored as text.
     */
    static AttributeValue exact(BigDecimal value) {
        return AttributeValue.fromS(value.toPlainString());
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** A whole number, or null when absent. */
    static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.valueOf(v.n());
    }

    /** A whole number that must be there. */
    static long lng(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    /** A decimal stored as text (exact) or as a number. */
    static BigDecimal dec(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : new BigDecimal(v.s() != null ? v.s() : v.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    /** A string set; absent (DynamoDB stores no empty set) is empty. */
    static Set<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasSs() ? Set.of() : Set.copyOf(v.ss());
    }

    /** A map attribute read by {@code as}, or null when absent. */
    static <T> T map(Map<String, AttributeValue> item, String name, Function<Map<String, AttributeValue>, T> as) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasM() ? null : as.apply(v.m());
    }
}
