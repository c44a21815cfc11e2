package firstrefusal.answer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * The headers every response under {@code /answer/} carries, the 404 and 410 included. The URL is the credential, so
 * nothing may keep it or leak it: no cache keeps the page ({@code no-store}), no Referer takes the URL to a site the page
 * links to, no other site frames the page to trick a click on MATCH, and no script runs (the page works without one).
 */
public final class AnswerHeaders {

    /** The policy: nothing from anywhere, except this page's own stylesheet and images, and forms posted back here. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** In a fixed order, so a response's headers read the same every time. */
    public static final SequencedMap<String, String> ALL = Collections.unmodifiableSequencedMap(headers(CONTENT_SECURITY_POLICY));

    private AnswerHeaders() {
    }

    /**
     * The same headers for a page that inlines its stylesheet, as the status page does: the stylesheet is allowed by its
     * SHA-256 (base64), never by {@code 'unsafe-inline'}, so an injected style or script still does not apply.
     */
    public static SequencedMap<String, String> withInlineStyle(String sha256Base64) {
        if (sha256Base64 == null || !sha256Base64.matches("[A-Za-z0-9+/]{43}=")) {
            throw new IllegalArgumentException("a stylesheet's hash is the base64 of its SHA-256 (44 characters)");
        }
        return Collections.unmodifiableSequencedMap(
                headers(CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'sha256-" + sha256Base64 + "'")));
    }

    private static SequencedMap<String, String> headers(String csp) {
        SequencedMap<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", csp);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        return headers;
    }
}
