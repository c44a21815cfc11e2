package firstrefusal.domain.record;

import firstrefusal.domain.RefusedValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 and the one way a hash is written in a record: 64 lowercase hex digits. */
public final class Hashes {

    /** What stands before seq 1 of a chain: 32 zero bytes. */
    public static final String ZERO = "0".repeat(64);

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    /** SHA-256 of the parts, one after the other. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = sha256();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** Lowercase hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Whether {@code text} is a hash as records write it (uppercase hex is a different string, so a different hash). */
    public static boolean isHash(String text) {
        return text != null && HASH.matcher(text).matches();
    }

    /** The 32 bytes a written hash stands for; anything but 64 lowercase hex digits is refused. */
    public static byte[] raw32(String hash) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException("not a SHA-256 hash in lowercase hex: " + RefusedValue.quoted(String.valueOf(hash)));
        }
        return HEX.parseHex(hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
