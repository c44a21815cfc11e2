package firstrefusal.adapters.out.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fields of the maps {@link DomainConverters} stores, written and read by hand: how a Java value is stored inside
 * them. A null value is no field at all (DynamoDB stores no null), and an absent field reads back as null.
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
}
