package firstrefusal.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class AnswerHeadersTest {

    @Test
    void theAnswerPageIsNeitherKeptNorReferredNorFramedNorScripted() {
        assertThat(AnswerHeaders.ALL).containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("X-Frame-Options", "DENY");
        String csp = AnswerHeaders.ALL.get("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("script-src", "unsafe-inline", "unsafe-eval", "*");
        assertThat(catchThrowable(() -> AnswerHeaders.ALL.put("Cache-Control", "public"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anInlinedStylesheetIsAllowedByItsHashOnly() {
        String hash = Base64.getEncoder().encodeToString(new byte[32]);
        var headers = AnswerHeaders.withInlineStyle(hash);
        assertThat(headers.get("Content-Security-Policy")).contains("style-src 'sha256-" + hash + "'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline", "style-src 'self'");
        assertThat(headers.sequencedKeySet()).containsExactlyElementsOf(AnswerHeaders.ALL.sequencedKeySet());
        assertThat(catchThrowable(() -> AnswerHeaders.withInlineStyle("'; script-src *"))).isInstanceOf(IllegalArgumentException.class);
    }
}
