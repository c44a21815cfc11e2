package firstrefusal.answer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The answer form's CSRF token, bound to one link: an HMAC-SHA256 of the link's {@code jti} under the link keys. The
 * page of a link carries its token, so a form posted to a link from anywhere else (another link's page included) lacks
 * it. Nothing is stored: the token is recomputed from the link on every POST.
 *
 * <p>The same keys sign the links, kept apart by what is MAC'ed: a JWS signing input is base64url text and dots, never a
 * NUL, and this input starts with {@code answer-csrf} and a NUL, so no token of one kind is ever a token of the other.
 */
public final class Csrf {

    private static final byte[] LABEL = "answer-csrf\0".getBytes(StandardCharsets.US_ASCII);
    /** An HMAC-SHA256 in base64url without padding: 43 characters. Anything longer is not worth hashing. */
    private static final int LENGTH = 43;

    private final LinkKeys keys;

    public Csrf(LinkKeys keys) {
        this.keys = keys;
    }

    /** The token for the form of the link whose id is {@code jti}, under the signing key. */
    public String tokenFor(String jti) {
        return mac(keys.signingKey(), jti);
    }

    /**
     * Whether {@code token} is the token of the link {@code jti} under any of the keys: a page rendered just before a
     * new signing key was added still posts. Compared in constant time; any input, null included, just gives false.
     */
    public boolean matches(String jti, String token) {
        if (jti == null || token == null || token.length() != LENGTH) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        for (SecretKey key : keys.all().values()) {
            // No early return: every key is tried, so the time taken does not say which key matched.
            any |= MessageDigest.isEqual(mac(key, jti).getBytes(StandardCharsets.US_ASCII), given);
        }
        return any;
    }

    private static String mac(SecretKey key, String jti) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(jti.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256 and takes any key for it", e);
        }
    }
}
