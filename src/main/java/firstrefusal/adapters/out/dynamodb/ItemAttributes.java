package firstrefusal.adapters.out.dynamodb;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * What every item schema reads an item into: its attributes by name, until the item's record is made of them. The items
 * are immutable records, and a {@link StaticImmutableTableSchema} sets each attribute it reads on a builder; one bag of
 * named values serves every kind, where a builder class per record would repeat every record's components. Each schema's
 * {@code newItemBuilder} calls the record's constructor, where the values get their types back.
 */
final class ItemAttributes {

    private final Map<String, Object> values = new HashMap<>();

    /**
     * The attribute stored under {@code name}, read from the record by {@code getter}, stored as the Enhanced Client's
     * default converter for its type stores it (a string as S, a whole number as N, a set of strings as SS).
     */
    static <T, R> Consumer<ImmutableAttribute.Builder<T, ItemAttributes, R>> attribute(String name, Function<T, R> getter,
            StaticAttributeTag... tags) {
        return a -> a.name(name).getter(getter).setter((fields, value) -> fields.values.put(name, value)).tags(tags);
    }

    /** The attribute stored under {@code name}, stored as {@code converter} says (a domain record as a map). */
    static <T, R> Consumer<ImmutableAttribute.Builder<T, ItemAttributes, R>> attribute(String name, Function<T, R> getter,
            AttributeConverter<R> converter) {
        return ItemAttributes.<T, R>attribute(name, getter).andThen(a -> a.attributeConverter(converter));
    }

    /** The attribute stored under {@code name} as {@code converter} says, with tags (a number added to). */
    static <T, R> Consumer<ImmutableAttribute.Builder<T, ItemAttributes, R>> attribute(String name, Function<T, R> getter,
            AttributeConverter<R> converter, StaticAttributeTag... tags) {
        return ItemAttributes.<T, R>attribute(name, getter, tags).andThen(a -> a.attributeConverter(converter));
    }

    /** The value read for {@code name}, as the record's component takes it; null when the item has no such attribute. */
    @SuppressWarnings("unchecked")
    <V> V get(String name) {
        return (V) values.get(name);
    }
}
