package firstrefusal.domain.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A published digest: which one it is, until when it covers what was recorded, the hash of the one before it (null
 * for the first), and the size and root of its tree. Its hash covers those five fields, so digests form a chain of
 * their own and one cannot be dropped or replaced without the next one showing it.
 */
public record Digest(long digestId, Instant coversUntil, String previous, long treeSize, String root) {

    public Digest {
        if (digestId < 1) {
            throw new IllegalArgumentException("digests are numbered from 1, not " + digestId);
        }
        if (coversUntil == null) {
            throw new IllegalArgumentException("a digest says until when it covers the record");
        }
        if (previous != null) {
            Hashes.raw32(previous);
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("a tree has no negative size: " + treeSize);
        }
        Hashes.raw32(root);
    }

    /** Digest {@code digestId} over {@code tree}, after the digest whose hash is {@code previous}. */
    public static Digest of(long digestId, Instant coversUntil, String previous, DigestTree tree) {
        return new Digest(digestId, coversUntil, previous, tree.size(), tree.root());
    }

    /** The five fields as a map, in the shape of the digest's JSON. */
    public Map<String, Object> fields() {
        // LinkedHashMap, not Map.of: previous is null for the first digest.
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("digestId", digestId);
        fields.put("coversUntil", coversUntil.toString());
        fields.put("previous", previous);
        fields.put("treeSize", treeSize);
        fields.put("root", root);
        return fields;
    }

    /** The canonical form of the five fields. */
    public String canonical() {
        return Canonical.json(fields());
    }

    /** SHA-256 of the canonical form, in hex: the digest's hash. */
    public String hash() {
        return Hashes.hex(Hashes.sha256(canonical().getBytes(StandardCharsets.UTF_8)));
    }
}
