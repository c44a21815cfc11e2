package firstrefusal.answer;

import static firstrefusal.answer.TestLinks.DEADLINE;
import static firstrefusal.answer.TestLinks.EXP;
import static firstrefusal.answer.TestLinks.GRACE;
import static firstrefusal.answer.TestLinks.NEW_KEY;
import static firstrefusal.answer.TestLinks.NOW;
import static firstrefusal.answer.TestLinks.OLD_KEY;
import static firstrefusal.answer.TestLinks.OPENED;
import static firstrefusal.answer.TestLinks.STRANGER_KEY;
import static firstrefusal.answer.TestLinks.claims;
import static firstrefusal.answer.TestLinks.craft;
import static firstrefusal.answer.TestLinks.url;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.answer.LinkToken.Expired;
import firstrefusal.answer.LinkToken.Invalid;
import firstrefusal.answer.LinkToken.Valid;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinkTokenTest {

    private static final String HS256_K1 = "{\"alg\":\"HS256\",\"kid\":\"k1\"}";
    private final LinkToken links = new LinkToken(TestLinks.oneKey());
    private final String token = links.sign("o-1", 2, OPENED, DEADLINE, GRACE);

    @Test
    void aSignedLinkVerifiesWithItsClaims() {
        assertThat(links.verify(token, NOW)).isEqualTo(new Valid("o-1", 2, LinkToken.jti("o-1", 2, OPENED), EXP));
        assertThat(token).doesNotContain("=", "+", "/");
    }

    @Test
    void theSameWindowGivesTheSameJtiAndAnotherWindowAnother() {
        String jti = LinkToken.jti("o-1", 2, OPENED);
        assertThat(jti).matches("[A-Za-z0-9_-]{22}").isEqualTo(LinkToken.jti("o-1", 2, OPENED));
        assertThat(jti).isNotEqualTo(LinkToken.jti("o-1", 3, OPENED))
                .isNotEqualTo(LinkToken.jti("o-1", 2, OPENED.plusMillis(1)))
                .isNotEqualTo(LinkToken.jti("o-12", 2, OPENED));
        // A redelivered notice, even signed later under a moved deadline, answers as the same link.
        Valid moved = (Valid) links.verify(links.sign("o-1", 2, OPENED, DEADLINE.plusSeconds(3600), GRACE), NOW);
        assertThat(moved.jti()).isEqualTo(jti);
        assertThat("link-" + jti).hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void theExpiryIsTheDeadlinePlusGraceRoundedUpToASecond() {
        assertThat(LinkToken.expiry(DEADLINE, GRACE)).isEqualTo(EXP);
        assertThat(LinkToken.expiry(DEADLINE.plusMillis(1), Duration.ZERO)).isEqualTo(DEADLINE.plusSeconds(1));
    }

    @Test
    void anExpiredLinkSaysWhenItExpired() {
        assertThat(links.verify(token, EXP.minusMillis(1))).isInstanceOf(Valid.class);
        assertThat(links.verify(token, EXP)).isEqualTo(new Expired(EXP));
        assertThat(links.verify(token, EXP.plus(Duration.ofDays(400)))).isEqualTo(new Expired(EXP));
    }

    @Test
    void anExpiredLinkWithABadSignatureIsInvalidNotExpired() {
        String forged = craft(HS256_K1, claims(EXP.getEpochSecond()), STRANGER_KEY);
        assertThat(links.verify(forged, EXP.plusSeconds(60))).isInstanceOf(Invalid.class);
    }

    @Test
    void aChangedSignatureByteIsInvalid() {
        int middle = token.lastIndexOf('.') + 10;
        char c = token.charAt(middle);
        String changed = token.substring(0, middle) + (c == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        assertThat(links.verify(changed, NOW)).isInstanceOfSatisfying(Invalid.class,
                i -> assertThat(i.reason()).contains("bad signature"));
    }

    @Test
    void aChangedClaimIsInvalid() {
        String[] parts = token.split("\\.");
        String other = parts[0] + "." + url(claims(EXP.getEpochSecond()).replace("\"o-1\"", "\"o-2\"")) + "." + parts[2];
        assertThat(links.verify(other, NOW)).isInstanceOf(Invalid.class);
    }

    @Test
    void aLinkSignedByAnotherKeyIsInvalid() {
        assertThat(links.verify(craft(HS256_K1, claims(EXP.getEpochSecond()), STRANGER_KEY), NOW)).isInstanceOf(Invalid.class);
        assertThat(links.verify(craft(HS256_K1, claims(EXP.getEpochSecond()), OLD_KEY), NOW)).isInstanceOf(Valid.class);
    }

    @Test
    void anUnknownKidIsInvalid() {
        String unknown = craft("{\"alg\":\"HS256\",\"kid\":\"k9\"}", claims(EXP.getEpochSecond()), OLD_KEY);
        assertThat(links.verify(unknown, NOW)).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("unknown kid"));
        assertThat(links.verify(craft("{\"alg\":\"HS256\"}", claims(EXP.getEpochSecond()), OLD_KEY), NOW)).isInstanceOf(Invalid.class);
    }

    @Test
    void algNoneAndEveryOtherAlgIsInvalid() {
        String payload = url(claims(EXP.getEpochSecond()));
        for (String alg : new String[] {"none", "None", "NONE", "HS512", "HS384", "RS256", "ES256", "EdDSA", ""}) {
            String header = "{\"alg\":\"" + alg + "\",\"kid\":\"k1\"}";
            assertThat(links.verify(url(header) + "." + payload + ".", NOW)).as(alg).isInstanceOf(Invalid.class);
            assertThat(links.verify(url(header) + "." + payload + ".AAAA", NOW)).as(alg).isInstanceOf(Invalid.class);
            assertThat(links.verify(craft(header, claims(EXP.getEpochSecond()), OLD_KEY), NOW)).as(alg).isInstanceOf(Invalid.class);
        }
        assertThat(links.verify(url("{\"kid\":\"k1\"}") + "." + payload + ".AAAA", NOW)).isInstanceOf(Invalid.class);
    }

    @Test
    void aHeaderAskingForMoreIsInvalidEvenWhenSigned() {
        for (String extra : new String[] {"\"crit\":[\"exp\"]", "\"jku\":\"https://evil\"", "\"b64\":false", "\"typ\":\"JOSE+x\""}) {
            String header = "{\"alg\":\"HS256\",\"kid\":\"k1\"," + extra + "}";
            assertThat(links.verify(craft(header, claims(EXP.getEpochSecond()), OLD_KEY), NOW)).as(extra).isInstanceOf(Invalid.class);
        }
        assertThat(links.verify(craft("{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}", claims(EXP.getEpochSecond()), OLD_KEY), NOW))
                .isInstanceOf(Valid.class);
    }

    @Test
    void malformedTokensAreInvalid() {
        for (String bad : new String[] {null, "", ".", "..", "a.b", "a.b.c.d", token + ".", token + "=", " " + token,
                token.replace('.', '~'), "x".repeat(5000), url("{") + "." + url("{}") + ".AAAA",
                url(HS256_K1) + "." + url("[1,2]") + ".AAAA", "€.€.€"}) {
            assertThat(links.verify(bad, NOW)).as(String.valueOf(bad)).isInstanceOf(Invalid.class);
        }
    }

    @Test
    void missingOrMistypedClaimsAreInvalidEvenWhenSigned() {
        String jti = LinkToken.jti("o-1", 2, OPENED);
        long exp = EXP.getEpochSecond();
        String[] payloads = {
            "{\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":7,\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o 1\",\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":\"2\",\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":2.5,\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":0,\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":4294967297,\"jti\":\"" + jti + "\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"a b\",\"exp\":" + exp + "}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"" + jti + "\"}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":\"" + exp + "\"}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":" + exp + ".5}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":-1}",
            "{\"offerId\":\"o-1\",\"revision\":2,\"jti\":\"" + jti + "\",\"exp\":9223372036854775807}",
            "[]", "\"text\"", "not json"};
        for (String payload : payloads) {
            assertThat(links.verify(craft(HS256_K1, payload, OLD_KEY), NOW)).as(payload).isInstanceOf(Invalid.class);
        }
    }

    @Test
    void aLinkSignedBeforeARotationStillVerifiesAndTheNewKeySigns() {
        LinkToken after = new LinkToken(TestLinks.rotated());
        assertThat(after.verify(token, NOW)).isInstanceOf(Valid.class);
        String fresh = after.sign("o-1", 2, OPENED, DEADLINE, GRACE);
        assertThat(after.verify(fresh, NOW)).isEqualTo(links.verify(token, NOW));
        assertThat(fresh).isNotEqualTo(token);
        assertThat(links.verify(fresh, NOW)).as("the old ring does not know k2")
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.reason()).contains("unknown kid"));
        assertThat(after.verify(craft("{\"alg\":\"HS256\",\"kid\":\"k2\"}", claims(EXP.getEpochSecond()), NEW_KEY), NOW))
                .isInstanceOf(Valid.class);
        // A key only verifies under its own id: the old key's signature under the new kid is not accepted.
        assertThat(after.verify(craft("{\"alg\":\"HS256\",\"kid\":\"k2\"}", claims(EXP.getEpochSecond()), OLD_KEY), NOW))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void signingRefusesWhatVerifyingWouldRefuse() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> links.sign("o 1", 2, OPENED, DEADLINE, GRACE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offerId");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> links.sign("o-1", 0, OPENED, DEADLINE, GRACE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision");
        assertThat(Instant.ofEpochSecond(EXP.getEpochSecond())).isEqualTo(EXP);
    }
}
