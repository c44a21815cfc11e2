package firstrefusal.adapters.out.dynamodb;

import firstrefusal.domain.record.Canonical;
import firstrefusal.domain.record.HashChain;
import firstrefusal.domain.record.RecordProof;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An offer's record as a hash chain, on the table (src/docs/contract.md, "A record that proves itself"): every item
 * appended to it gets {@code seq} and {@code hash}, the hash of its canonical form after its predecessor's. The canonical
 * form is built from the item's stored attributes as the table returns them, every one but {@code hash}, never from a
 * copy kept beside them: so a change to any attribute of a stored item changes it.
 *
 * <p>Values as plain JSON: a DynamoDB number that is a whole number within what a JSON reader holds exactly (2^53) as an
 * integer, any other as a string of its digits (DynamoDB stores {@code 10.0} as {@code 10}, so trailing zeros are
 * dropped first, and the form written is the form read back); prices are stored as strings already. A set as its
 * members sorted, binary as base64.
 */
final class Chain {

    static final String SEQ = "seq";
    static final String HASH = "hash";

    private Chain() {
    }

    /** The items with their place in the chain after {@code previous} (null: the chain starts here), and the new head. */
    record Linked(List<TableItem> items, RecordProof.Head head) {
    }

    static Linked link(RecordProof.Head previous, List<TableItem> items) {
        long seq = previous == null ? 0 : previous.seq();
        String hash = previous == null ? HashChain.Start.GENESIS.previousHash() : previous.hash();
        List<TableItem> linked = new ArrayList<>(items.size());
        for (TableItem item : items) {
            Map<String, AttributeValue> attributes = new HashMap<>(OfferItems.SCHEMA.itemToMap(item, true));
            attributes.put(SEQ, AttributeValue.fromN(Long.toString(++seq)));
            hash = HashChain.hash(hash, canonical(attributes));
            attributes.put(HASH, AttributeValue.fromS(hash));
            linked.add(OfferItems.SCHEMA.mapToItem(attributes));
        }
        return new Linked(List.copyOf(linked), new RecordProof.Head(seq, hash));
    }

    /**
     * The canonical form of an item as the table holds it, rebuilt from what the product reads of it: read through the
     * item's schema and written back, so an attribute the product never reads is not part of it, and one it reads is.
     */
    static String canonicalAsRead(Map<String, AttributeValue> stored) {
        TableItem item = OfferItems.SCHEMA.mapToItem(stored);
        if (item == null) {
            throw new IllegalArgumentException("not an item of an offer's record: " + stored.get(TableLayout.SK));
        }
        return canonical(OfferItems.SCHEMA.itemToMap(item, true));
    }

    /** The canonical form of a stored item: its attributes, all but {@code hash}, as RFC 8785 writes them. */
    static String canonical(Map<String, AttributeValue> attributes) {
        Map<String, Object> plain = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (!HASH.equals(name)) {
                plain.put(name, plain(value));
            }
        });
        return Canonical.json(plain);
    }

    private static final BigDecimal LARGEST_EXACT = BigDecimal.valueOf((1L << 53) - 1);

    private static Object number(String stored) {
        BigDecimal number = new BigDecimal(stored).stripTrailingZeros();
        boolean exactInteger = number.scale() <= 0 && number.abs().compareTo(LARGEST_EXACT) <= 0;
        return exactInteger ? (Object) number.longValueExact() : number.toPlainString();
    }

    /** A stored value as plain data: a number as its text, a set as its members sorted, binary as base64. */
    private static Object plain(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> number(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case M -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.m().forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case L -> value.l().stream().map(Chain::plain).toList();
            case SS -> value.ss().stream().sorted().toList();
            case NS -> value.ns().stream().sorted().toList();
            case B -> Base64.getEncoder().encodeToString(value.b().asByteArray());
            case BS -> value.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).sorted().toList();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of a type the SDK does not know");
        };
    }
}
