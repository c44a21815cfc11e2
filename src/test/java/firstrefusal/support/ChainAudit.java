package firstrefusal.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A test's own reading of an offer's hash chain, straight from the table and written apart from the product's classes
 * (SPEC §13 and src/docs/contract.md are all it follows): each item's canonical form from its stored attributes (every
 * one but {@code hash}; a whole number within 2^53 as an integer, any other number as its digits, trailing zeros
 * dropped; a set sorted) put in RFC 8785 form by the offline verifier's writer, and each hash SHA-256 of the previous
 * hash's 32 bytes and that form. The leaves and the Merkle tree of a digest likewise ({@link #root}).
 */
public final class ChainAudit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO = "0".repeat(64);
    private static final BigDecimal LARGEST_EXACT = BigDecimal.valueOf((1L << 53) - 1);

    private ChainAudit() {
    }

    /** An offer's record items as stored, in seq order, those without a seq by key, and the head on its state. */
    public record Stored(List<Map<String, AttributeValue>> chained, List<String> unchained, long headSeq, String headHash) {
    }

    public static Stored read(DynamoDbClient client, String table, String offerId) {
        List<Map<String, AttributeValue>> chained = new ArrayList<>();
        List<String> unchained = new ArrayList<>();
        long headSeq = 0;
        String headHash = null;
        for (Map<String, AttributeValue> item : client.queryPaginator(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OFFER#" + offerId))))
                .items()) {
            String sk = item.get("sk").s();
            if (sk.equals("STATE")) {
                headSeq = item.containsKey("headSeq") ? Long.parseLong(item.get("headSeq").n()) : 0;
                headHash = item.containsKey("headHash") ? item.get("headHash").s() : null;
            } else if (item.containsKey("seq")) {
                chained.add(item);
            } else {
                unchained.add(sk);
            }
        }
        chained.sort(Comparator.comparingLong(i -> Long.parseLong(i.get("seq").n())));
        return new Stored(chained, unchained, headSeq, headHash);
    }

    /** The first thing that does not hold in the stored chain, in this reading; empty when it verifies. */
    public static Optional<String> check(Stored stored) {
        if (!stored.unchained().isEmpty()) {
            return Optional.of("items outside the chain: " + stored.unchained());
        }
        String previous = ZERO;
        long expected = 1;
        for (Map<String, AttributeValue> item : stored.chained()) {
            long seq = Long.parseLong(item.get("seq").n());
            if (seq != expected) {
                return Optional.of("seq " + expected + " expected, seq " + seq + " found");
            }
            previous = hash(previous, canonical(item));
            if (!item.containsKey("hash") || !previous.equals(item.get("hash").s())) {
                return Optional.of("seq " + seq + ": hash does not match");
            }
            expected++;
        }
        if (stored.headSeq() != expected - 1 || !previous.equals(stored.headHash())) {
            return Optional.of("the head (seq " + stored.headSeq() + ") is not the last item (seq " + (expected - 1) + ")");
        }
        return Optional.empty();
    }

    /** The item's canonical form: every stored attribute but {@code hash}. */
    public static String canonical(Map<String, AttributeValue> item) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        item.forEach((name, value) -> {
            if (!name.equals("hash")) {
                object.set(name, plain(value));
            }
        });
        return IndependentVerifier.canonicalize(object.toString());
    }

    private static JsonNode plain(AttributeValue value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.s() != null) {
            return f.textNode(value.s());
        }
        if (value.n() != null) {
            BigDecimal n = new BigDecimal(value.n()).stripTrailingZeros();
            return n.scale() <= 0 && n.abs().compareTo(LARGEST_EXACT) <= 0 ? f.numberNode(n.longValueExact()) : f.textNode(n.toPlainString());
        }
        if (value.bool() != null) {
            return f.booleanNode(value.bool());
        }
        if (Boolean.TRUE.equals(value.nul())) {
            return f.nullNode();
        }
        if (value.hasM()) {
            ObjectNode o = f.objectNode();
            value.m().forEach((k, v) -> o.set(k, plain(v)));
            return o;
        }
        if (value.hasL()) {
            ArrayNode a = f.arrayNode();
            value.l().forEach(v -> a.add(plain(v)));
            return a;
        }
        if (value.hasSs()) {
            ArrayNode a = f.arrayNode();
            value.ss().stream().sorted().forEach(a::add);
            return a;
        }
        if (value.b() != null) {
            return f.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
        }
        throw new IllegalArgumentException("an attribute this reading does not know: " + value);
    }

    /** SHA-256 of the previous hash's 32 bytes and the canonical form's UTF-8 bytes, in hex. */
    public static String hash(String previous, String canonical) {
        return HexFormat.of().formatHex(sha256(HexFormat.of().parseHex(previous), canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 9162 §2.1.1: the Merkle tree hash of the leaves {@code {"hash","offerId","seq"}}, sorted by offerId. */
    public static String root(List<Map<String, Object>> leaves) {
        List<byte[]> hashes = leaves.stream().sorted(Comparator.comparing(l -> (String) l.get("offerId")))
                .map(l -> sha256(new byte[] {0}, leaf(l).getBytes(StandardCharsets.UTF_8))).toList();
        return HexFormat.of().formatHex(mth(hashes));
    }

    /**
     * The root an inclusion path (siblings from the leaf up) leads to from the leaf {@code {"hash","offerId","seq"}} at
     * {@code index} of a tree of {@code size}, by the tree's own definition (RFC 9162 §2.1.1: a tree splits at the
     * largest power of two below its size), rather than by §2.1.3.2's loop; empty when the path does not fit the place.
     */
    public static Optional<String> rootFromInclusion(Map<String, Object> leaf, long index, long size, List<String> path) {
        if (index < 0 || index >= size) {
            return Optional.empty();
        }
        byte[] leafHash = sha256(new byte[] {0}, leaf(leaf).getBytes(StandardCharsets.UTF_8));
        return subtreeRoot(leafHash, index, size, path).map(HexFormat.of()::formatHex);
    }

    private static Optional<byte[]> subtreeRoot(byte[] leafHash, long index, long size, List<String> path) {
        if (size == 1) {
            return path.isEmpty() ? Optional.of(leafHash) : Optional.empty();
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        long split = Long.highestOneBit(size - 1);
        byte[] sibling = HexFormat.of().parseHex(path.getLast());
        List<String> below = path.subList(0, path.size() - 1);
        return index < split
                ? subtreeRoot(leafHash, index, split, below).map(left -> sha256(new byte[] {1}, left, sibling))
                : subtreeRoot(leafHash, index - split, size - split, below).map(right -> sha256(new byte[] {1}, sibling, right));
    }

    private static String leaf(Map<String, Object> leaf) {
        try {
            return IndependentVerifier.canonicalize(JSON.writeValueAsString(leaf));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mth(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return sha256();
        }
        if (hashes.size() == 1) {
            return hashes.getFirst();
        }
        int k = Integer.highestOneBit(hashes.size() - 1);
        return sha256(new byte[] {1}, mth(hashes.subList(0, k)), mth(hashes.subList(k, hashes.size())));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
