package firstrefusal.answer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keys, instants and hand-made tokens the answer tests share; hand-made so a test can sign what nimbus never would. */
final class TestLinks {

    static final Instant OPENED = Instant.parse("2025-01-21T15:00:00Z");
    static final Instant DEADLINE = Instant.parse("2025-02-04T15:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(5);
    static final Instant EXP = DEADLINE.plus(GRACE);
    static final Instant NOW = DEADLINE.minus(Duration.ofDays(1));
    static final byte[] OLD_KEY = bytes(1);
    static final byte[] NEW_KEY = bytes(101);
    static final byte[] STRANGER_KEY = bytes(201);

    private TestLinks() {
    }

    static byte[] bytes(int from) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** One key, "k1": the usual setup before any rotation. */
    static LinkKeys oneKey() {
        return LinkKeys.of(Map.of("k1", b64(OLD_KEY)), Optional.empty());
    }

    /** "k1" still verifies, "k2" signs: a rotation under way. */
    static LinkKeys rotated() {
        return LinkKeys.of(Map.of("k1", b64(OLD_KEY), "k2", b64(NEW_KEY)), Optional.of("k2"));
    }

    static String url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A compact JWS of exactly this header and payload, HS256-signed with {@code key} whatever the header says. */
    static String craft(String header, String payload, byte[] key) {
        String input = url(header) + "." + url(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims a link of offer "o-1", revision 2 carries, exp as given. */
    static String claims(long exp) {
        return "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"" + LinkToken.jti("o-1", 2, OPENED) + "\",\"exp\":" + exp + "}";
    }
}
