package firstrefusal.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The page's one stylesheet, inlined, and the headers every answer carries: a Content-Security-Policy that allows that
 * stylesheet by its hash and nothing else (no script, no other source, no framing).
 */
record Stylesheet(String css, Map<String, String> securityHeaders) {

    /** The stylesheet's SHA-256 in base64, as a Content-Security-Policy allows it. */
    String hash() {
        return Base64.getEncoder().encodeToString(Sha256.of(css));
    }

    static Stylesheet load() {
        String css;
        try (InputStream in = Stylesheet.class.getResourceAsStream("/page/status.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Stylesheet(css, Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(css))
                        + "'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "X-Frame-Options", "DENY",
                "Cache-Control", "no-store"));
    }
}
