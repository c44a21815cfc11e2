package firstrefusal.page;

import firstrefusal.domain.decisions.DecisionQuery;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code next} cursor of the decision record: the store's page position, signed together with the filters it
 * was issued for (HMAC-SHA256). A cursor that was altered, or that comes with other filters, is refused, so no
 * one can page through a query they did not ask for by editing it.
 */
final class Cursors {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    Cursors(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String issue(DecisionQuery query, String position) {
        byte[] text = position.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(text) + "." + ENCODE.encodeToString(mac(query, text));
    }

    /** The position a cursor stands for, provided this page issued it for these very filters. */
    String open(DecisionQuery query, String cursor) {
        int dot = cursor.indexOf('.');
        try {
            if (dot > 0) {
                byte[] text = DECODE.decode(cursor.substring(0, dot));
                if (MessageDigest.isEqual(mac(query, text), DECODE.decode(cursor.substring(dot + 1)))) {
                    return new String(text, StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException notBase64) {
            // falls through to the refusal
        }
        throw new BadRequest("next", "is not a cursor this page gave out for these filters; start again from the first page");
    }

    private byte[] mac(DecisionQuery query, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(query.canonical().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
