package firstrefusal.answer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import firstrefusal.domain.RefusedValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The token in an answer link: a compact JWS, HS256, its header's {@code kid} naming the key, its claims the offer, the
 * revision that opened the window, the link's {@code jti} and its expiry. The link is the holder's credential, so a
 * token is trusted only once its signature verified; nimbus does the signing and the constant-time comparison.
 * {@link #verify} never throws: whatever a visitor puts in the URL becomes one of three results.
 */
public final class LinkToken {

    /** Longer than any token this signs by far, short enough that no parser sees a flood. */
    static final int MAX_LENGTH = 2048;
    /** Three non-empty base64url parts, no padding: nothing else reaches the parser. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,2048}\\.[A-Za-z0-9_-]{1,2048}\\.[A-Za-z0-9_-]{1,2048}");
    /** The shape of an offer's id in a message: a token carrying anything else was not signed here. */
    private static final Pattern OFFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Any id that keeps {@code link-<jti>} a valid responseId, so the derivation may change without breaking links. */
    private static final Pattern JTI = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A header with anything more (jku, jwk, x5u, crit, b64 ...) asks for behaviour this never uses. */
    private static final Set<String> HEADER = Set.of("alg", "kid", "typ");
    private static final long LAST_EXP = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /** What a token says, once checked. */
    public sealed interface Verified permits Valid, Expired, Invalid {
    }

    /** Signed by one of the keys, every claim as this signs it, and not expired. */
    public record Valid(String offerId, int revision, String jti, Instant expiresAt) implements Verified {
    }

    /** Signed by one of the keys, but {@code now} is not before its expiry (RFC 7519 §4.1.4). */
    public record Expired(Instant expiredAt) implements Verified {
    }

    /** Not a token this signed; the reason is for the log, never for the visitor. */
    public record Invalid(String reason) implements Verified {
    }

    private final LinkKeys keys;
    private final MACSigner signer;
    private final Map<String, JWSVerifier> verifiers = new HashMap<>();

    public LinkToken(LinkKeys keys) {
        this.keys = keys;
        try {
            this.signer = new MACSigner(keys.signingKey());
            for (var key : keys.all().entrySet()) {
                verifiers.put(key.getKey(), new MACVerifier(key.getValue()));
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("LinkKeys let through a key nimbus refuses: " + e.getMessage(), e);
        }
    }

    /**
     * The link's id, derived rather than drawn: the same window (offer, revision, opening) always gives the same id, so
     * a notice redelivered, or its reminders, carry a link that records one answer ({@code link-<jti>}) and not several.
     * 128 bits of SHA-256 over the three, a NUL between them so no two triples run together.
     */
    public static String jti(String offerId, int revision, Instant windowOpened) {
        String input = "answer-link/v1\0" + offerId + "\0" + revision + "\0" + windowOpened;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * When a link expires: the window's deadline plus the clock's grace, rounded up to a whole second (a NumericDate
     * has no fraction), so rounding never takes time from the holder.
     */
    public static Instant expiry(Instant deadline, Duration clockGrace) {
        Instant exp = deadline.plus(clockGrace);
        return exp.getNano() == 0 ? exp : Instant.ofEpochSecond(exp.getEpochSecond() + 1);
    }

    /** The token for the window opened at {@code windowOpened} by {@code revision}, signed by the signing key. */
    public String sign(String offerId, int revision, Instant windowOpened, Instant deadline, Duration clockGrace) {
        if (offerId == null || !OFFER_ID.matcher(offerId).matches()) {
            throw new IllegalArgumentException("offerId must match " + OFFER_ID + ", was " + RefusedValue.quoted(String.valueOf(offerId)));
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, was " + revision);
        }
        if (clockGrace.isNegative()) {
            throw new IllegalArgumentException("the clock grace must not be negative, was " + clockGrace);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("offerId", offerId)
                .claim("revision", revision)
                .jwtID(jti(offerId, revision, windowOpened))
                .expirationTime(Date.from(expiry(deadline, clockGrace)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.signingKid()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an answer link failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** What {@code token} is at {@code now}. Any string, null included, gives a result; nothing throws. */
    public Verified verify(String token, Instant now) {
        Objects.requireNonNull(now, "now"); // the caller's clock, not the visitor's input: a missing one is a bug to see
        try {
            return check(token, now);
        } catch (RuntimeException e) {
            // A safety net under the checks below: a parser surprised by some input must still not turn it into a 500.
            return new Invalid("could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Verified check(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            return new Invalid("no token");
        }
        if (token.length() > MAX_LENGTH) {
            return new Invalid("longer than " + MAX_LENGTH + " characters: " + token.length());
        }
        if (!SHAPE.matcher(token).matches()) {
            return new Invalid("not three base64url parts"); // not quoted: even a broken link is close to a credential
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return new Invalid("malformed: " + RefusedValue.shown(String.valueOf(e.getMessage())));
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            return new Invalid("alg must be HS256, was " + RefusedValue.quoted(String.valueOf(header.getAlgorithm())));
        }
        if (!HEADER.containsAll(header.getIncludedParams())) {
            return new Invalid("the header may hold only " + HEADER + ", holds " + RefusedValue.shown(header.getIncludedParams().toString()));
        }
        if (header.getType() != null && !"JWT".equals(header.getType().getType())) {
            return new Invalid("typ must be JWT when present, was " + RefusedValue.quoted(header.getType().getType()));
        }
        String kid = header.getKeyID();
        JWSVerifier verifier = kid == null ? null : verifiers.get(kid);
        if (verifier == null) {
            return new Invalid(kid == null ? "no kid" : "unknown kid " + RefusedValue.quoted(kid));
        }
        try {
            if (!jwt.verify(verifier)) {
                return new Invalid("bad signature (kid " + RefusedValue.quoted(kid) + ")");
            }
        } catch (JOSEException e) {
            return new Invalid("does not verify: " + RefusedValue.shown(String.valueOf(e.getMessage())));
        }
        // Only now is the payload ours; it is still read strictly, so a claim this never writes cannot pass as one it does.
        return claims(jwt.getPayload().toJSONObject(), now);
    }

    private static Verified claims(Map<String, Object> claims, Instant now) {
        if (claims == null) {
            return new Invalid("the payload is not a JSON object");
        }
        if (!(claims.get("offerId") instanceof String offerId) || !OFFER_ID.matcher(offerId).matches()) {
            return new Invalid("offerId must be a string matching " + OFFER_ID);
        }
        Long revision = whole(claims.get("revision"));
        if (revision == null || revision < 1 || revision > Integer.MAX_VALUE) {
            return new Invalid("revision must be a whole number from 1 to " + Integer.MAX_VALUE);
        }
        if (!(claims.get("jti") instanceof String jti) || !JTI.matcher(jti).matches()) {
            return new Invalid("jti must be a string matching " + JTI);
        }
        Long exp = whole(claims.get("exp"));
        if (exp == null || exp < 0 || exp > LAST_EXP) {
            return new Invalid("exp must be a whole number of seconds from 0 to " + LAST_EXP);
        }
        Instant expiresAt = Instant.ofEpochSecond(exp);
        return now.isBefore(expiresAt) ? new Valid(offerId, revision.intValue(), jti, expiresAt) : new Expired(expiresAt);
    }

    /** A JSON integer as the parser gives it; a fraction, a string or a boolean is not one. */
    private static Long whole(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case null, default -> null;
        };
    }
}
