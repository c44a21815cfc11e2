package firstrefusal.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTest {

    private final String jti = LinkToken.jti("o-1", 2, TestLinks.OPENED);
    private final String otherJti = LinkToken.jti("o-2", 1, TestLinks.OPENED);

    @Test
    void aLinksTokenMatchesThatLinkOnly() {
        Csrf csrf = new Csrf(TestLinks.oneKey());
        String token = csrf.tokenFor(jti);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(csrf.matches(jti, token)).isTrue();
        assertThat(csrf.matches(otherJti, token)).as("another link's csrf").isFalse();
        assertThat(csrf.matches(jti, csrf.tokenFor(otherJti))).isFalse();
        assertThat(csrf.tokenFor(jti)).isEqualTo(token);
    }

    @Test
    void aTokenUnderAnotherKeySetDoesNotMatch() {
        String foreign = new Csrf(LinkKeys.of(java.util.Map.of("k1", TestLinks.b64(TestLinks.STRANGER_KEY)),
                java.util.Optional.empty())).tokenFor(jti);
        assertThat(new Csrf(TestLinks.oneKey()).matches(jti, foreign)).isFalse();
    }

    @Test
    void aPageRenderedBeforeARotationStillPosts() {
        String before = new Csrf(TestLinks.oneKey()).tokenFor(jti);
        Csrf after = new Csrf(TestLinks.rotated());
        assertThat(after.matches(jti, before)).isTrue();
        assertThat(after.tokenFor(jti)).isNotEqualTo(before);
        assertThat(after.matches(jti, after.tokenFor(jti))).isTrue();
    }

    @Test
    void garbageNeverMatchesAndNeverThrows() {
        Csrf csrf = new Csrf(TestLinks.oneKey());
        String token = csrf.tokenFor(jti);
        for (String bad : new String[] {null, "", "x", token + "A", token.substring(1), token.replace(token.charAt(5), '~'),
                "€".repeat(43), "A".repeat(43), "A".repeat(100_000)}) {
            assertThat(csrf.matches(jti, bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(csrf.matches(null, token)).isFalse();
    }
}
