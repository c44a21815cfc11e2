package firstrefusal.answer;

import static firstrefusal.answer.TestLinks.OLD_KEY;
import static firstrefusal.answer.TestLinks.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import firstrefusal.answer.InvalidLinkKeyException.Subject;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkKeysTest {

    @Test
    void theOnlyKeySignsWhenNoneIsNamed() {
        LinkKeys keys = LinkKeys.of(Map.of("k1", b64(OLD_KEY) + "\n"), Optional.empty());
        assertThat(keys.signingKid()).isEqualTo("k1");
        assertThat(keys.kids()).containsExactly("k1");
    }

    @Test
    void theNamedKeySignsAndEveryKeyVerifies() {
        LinkKeys keys = TestLinks.rotated();
        assertThat(keys.signingKid()).isEqualTo("k2");
        assertThat(keys.kids()).containsExactly("k1", "k2");
    }

    @Test
    void urlSafeBase64IsTakenToo() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0xfb);
        assertThat(LinkKeys.of(Map.of("k1", Base64.getUrlEncoder().encodeToString(key)), Optional.empty()).kids()).containsExactly("k1");
    }

    @Test
    void severalKeysAndNoneNamedIsRefused() {
        var e = refused(Map.of("a", b64(OLD_KEY), "b", b64(TestLinks.NEW_KEY)), Optional.empty());
        assertThat(e.subject()).isEqualTo(Subject.SIGNING_KEY_ID);
        assertThat(e.kid()).isEmpty();
        assertThat(e.problem()).contains("[a, b]");
    }

    @Test
    void aSigningKeyIdThatNamesNoKeyIsRefusedNamingIt() {
        var e = refused(Map.of("a", b64(OLD_KEY)), Optional.of("z"));
        assertThat(e.subject()).isEqualTo(Subject.SIGNING_KEY_ID);
        assertThat(e.kid()).contains("z");
    }

    @Test
    void noKeysAtAllIsRefused() {
        assertThat(refused(Map.of(), Optional.empty()).subject()).isEqualTo(Subject.KEYS);
    }

    @Test
    void aShortKeyIsRefusedNamingItsKidButNeverQuotingIt() {
        String secret = b64(Arrays.copyOf(OLD_KEY, 31));
        var e = refused(Map.of("good", b64(OLD_KEY), "short", secret), Optional.of("good"));
        assertThat(e.subject()).isEqualTo(Subject.KEY);
        assertThat(e.kid()).contains("short");
        assertThat(e.problem()).contains("31 bytes").contains("at least 32");
        assertThat(e.getMessage()).doesNotContain(secret);
    }

    @Test
    void aValueThatIsNotBase64OrEmptyIsRefusedNamingItsKid() {
        var notBase64 = refused(Map.of("k1", "not base64 at all!"), Optional.empty());
        assertThat(notBase64.kid()).contains("k1");
        assertThat(notBase64.problem()).contains("not base64");
        assertThat(notBase64.getMessage()).doesNotContain("not base64 at all!");
        assertThat(refused(Map.of("k1", " "), Optional.empty()).problem()).contains("empty");
    }

    @Test
    void aKeyIdThatCannotTravelInAHeaderIsRefused() {
        var e = refused(Map.of("bad kid\"", b64(OLD_KEY)), Optional.empty());
        assertThat(e.subject()).isEqualTo(Subject.KEY);
        assertThat(e.problem()).contains("key id");
    }

    @Test
    void toStringNeverShowsAKey() {
        assertThat(TestLinks.rotated().toString()).doesNotContain(b64(OLD_KEY)).contains("k1", "k2");
    }

    private static InvalidLinkKeyException refused(Map<String, String> keys, Optional<String> signing) {
        return catchThrowableOfType(InvalidLinkKeyException.class, () -> LinkKeys.of(keys, signing));
    }
}
