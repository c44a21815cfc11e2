package firstrefusal.adapters.in.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks who signed in through the Application Load Balancer: the {@code x-amzn-oidc-data} header it adds after
 * an {@code authenticate-oidc} rule is a JWT it signs with ES256 (its parts base64url-encoded with padding, the key
 * id in {@code kid} and the load balancer's ARN in {@code signer} of its header). The public key is a PEM file at
 * a URL per key id, fetched once per key. Nimbus JOSE+JWT verifies the signature; nothing here is hand-made crypto.
 */
public final class AlbSignIn {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** Fetches a PEM file; the load balancer publishes one per key id. */
    public interface KeySource {
        String pem(URI url);
    }

    /** A token that does not verify: the request gets 401 and no data. */
    public static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why);
        }
    }

    private final String keyUrl;
    private final Optional<String> albArn;
    private final KeySource keys;
    private final Clock clock;
    private final Map<String, ECPublicKey> byKid = new ConcurrentHashMap<>();

    public AlbSignIn(String keyUrl, String region, Optional<String> albArn, KeySource keys, Clock clock) {
        this.keyUrl = keyUrl.replace("{region}", region);
        this.albArn = albArn;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The signed-in user's name (email, else name, else subject) if the header verifies; otherwise {@link Refused}.
     * No header at all is refused too: behind the load balancer every request must have been signed in.
     */
    public String verify(String oidcData) {
        if (oidcData == null || oidcData.isBlank()) {
            throw new Refused("no x-amzn-oidc-data header: the load balancer signed nobody in");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(oidcData.trim());
        } catch (ParseException e) {
            throw new Refused("x-amzn-oidc-data is not a JWT: " + e.getMessage());
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new Refused("x-amzn-oidc-data must be signed with ES256, was " + header.getAlgorithm());
        }
        String kid = header.getKeyID();
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new Refused("x-amzn-oidc-data has no usable kid");
        }
        if (albArn.isEmpty()) {
            // Every load balancer in every account signs with the same regional keys: without the ARN to hold the
            // signer to, a token from anyone's load balancer would pass.
            throw new Refused("status-page.oidc.alb-arn (STATUS_PAGE_OIDC_ALB_ARN) is not set, so no load balancer's "
                    + "token is accepted: set it to the ARN of the load balancer in front of this page");
        }
        Object signer = header.getCustomParam("signer");
        if (!(signer instanceof String signerArn) || !albArn.get().equals(signerArn)) {
            throw new Refused("x-amzn-oidc-data was not signed by this load balancer (signer " + signer + ")");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key(kid)))) {
                throw new Refused("x-amzn-oidc-data has a bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(clock.instant())) {
                throw new Refused("x-amzn-oidc-data has expired");
            }
            return Optional.ofNullable(claims.getStringClaim("email"))
                    .or(() -> Optional.ofNullable(claimOrNull(claims, "name")))
                    .or(() -> Optional.ofNullable(claims.getSubject()))
                    .orElseThrow(() -> new Refused("x-amzn-oidc-data names nobody"));
        } catch (JOSEException | ParseException e) {
            throw new Refused("x-amzn-oidc-data does not verify: " + e.getMessage());
        }
    }

    private ECPublicKey key(String kid) {
        return byKid.computeIfAbsent(kid, k -> {
            URI url = URI.create(keyUrl.replace("{kid}", URLEncoder.encode(k, StandardCharsets.UTF_8)));
            try {
                String body = keys.pem(url).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
                return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                throw new Refused("the public key at " + url + " is not an EC public key in PEM: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new Refused("the public key at " + url + " could not be fetched: " + e.getMessage());
            }
        });
    }

    private static String claimOrNull(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
