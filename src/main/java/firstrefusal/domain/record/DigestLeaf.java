package firstrefusal.domain.record;

import firstrefusal.domain.RefusedValue;
import java.util.Map;

/** One offer in a digest: its id and its head (seq and hash) when the digest was taken. */
public record DigestLeaf(String offerId, long seq, String hash) {

    public DigestLeaf {
        if (offerId == null || offerId.isBlank()) {
            throw new IllegalArgumentException("a digest leaf names its offer: " + RefusedValue.quoted(String.valueOf(offerId)));
        }
        if (seq < 1) {
            throw new IllegalArgumentException("a digest leaf's head is seq 1 or later, not " + seq);
        }
        Hashes.raw32(hash);
    }

    /** The leaf as the tree hashes it: {@code {"hash":...,"offerId":...,"seq":...}}. */
    public String canonical() {
        return Canonical.json(Map.of("offerId", offerId, "seq", seq, "hash", hash));
    }
}
