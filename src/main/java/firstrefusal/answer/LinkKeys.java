package firstrefusal.answer;

import firstrefusal.answer.InvalidLinkKeyException.Subject;
import firstrefusal.domain.RefusedValue;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that sign and verify answer links, by key id. One key signs (the newest, named when there are several);
 * every key verifies, so a new signing key can be added while links signed by the old one are still in flight, and the
 * old one removed once they have expired.
 */
public final class LinkKeys {

    /** HS256 needs a key at least as long as its hash; RFC 7518 §3.2 and nimbus both insist. */
    public static final int MIN_BYTES = 32;
    /** A key id travels in every link's header and names a configuration key: a short, plain name. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SortedMap<String, SecretKey> byKid;
    private final String signingKid;

    private LinkKeys(SortedMap<String, SecretKey> byKid, String signingKid) {
        this.byKid = Collections.unmodifiableSortedMap(byKid);
        this.signingKid = signingKid;
    }

    /**
     * The keys, each the base64 (standard or URL-safe; surrounding whitespace ignored, since secrets stores often keep a
     * trailing newline) of at least {@value #MIN_BYTES} random bytes, and the id of the one that signs: when absent,
     * the only key signs, and with several keys it must be named.
     *
     * @throws InvalidLinkKeyException naming the key id or the choice at fault
     */
    public static LinkKeys of(Map<String, String> base64ByKid, Optional<String> signingKid) {
        if (base64ByKid == null || base64ByKid.isEmpty()) {
            throw new InvalidLinkKeyException(Subject.KEYS, null, "there is no key: at least one is needed to sign links");
        }
        SortedMap<String, SecretKey> byKid = new TreeMap<>();
        base64ByKid.forEach((kid, value) -> byKid.put(kid, key(kid, value)));
        String signing = signingKid.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (signing == null) {
            if (byKid.size() > 1) {
                throw new InvalidLinkKeyException(Subject.SIGNING_KEY_ID, null,
                        "must name the key that signs, one of " + byKid.keySet() + ": with several keys none is the default");
            }
            signing = byKid.firstKey();
        } else if (!byKid.containsKey(signing)) {
            throw new InvalidLinkKeyException(Subject.SIGNING_KEY_ID, signing,
                    "names no key: the keys are " + byKid.keySet());
        }
        return new LinkKeys(byKid, signing);
    }

    /** The id of the key that signs new links. */
    public String signingKid() {
        return signingKid;
    }

    /** Every key id that verifies a link. */
    public SortedSet<String> kids() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byKid.keySet()));
    }

    SecretKey signingKey() {
        return byKid.get(signingKid);
    }

    /** Every key by id, the signing key among them. */
    SortedMap<String, SecretKey> all() {
        return byKid;
    }

    @Override
    public String toString() {
        // Never the keys themselves: this object may end up in a log line.
        return "LinkKeys" + byKid.keySet() + ", signing " + signingKid;
    }

    private static SecretKey key(String kid, String base64) {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new InvalidLinkKeyException(Subject.KEY, kid == null ? "null" : RefusedValue.shown(kid),
                    "a key id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (base64 == null || base64.isBlank()) {
            throw new InvalidLinkKeyException(Subject.KEY, kid, "is empty: it must be the base64 of at least "
                    + MIN_BYTES + " random bytes");
        }
        byte[] bytes = decode(base64.strip());
        if (bytes == null) {
            throw new InvalidLinkKeyException(Subject.KEY, kid, "is not base64: it must be the base64 of at least "
                    + MIN_BYTES + " random bytes");
        }
        if (bytes.length < MIN_BYTES) {
            throw new InvalidLinkKeyException(Subject.KEY, kid, "decodes to " + bytes.length + " bytes: it must be the "
                    + "base64 of at least " + MIN_BYTES + " random bytes");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(base64);
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }
}
