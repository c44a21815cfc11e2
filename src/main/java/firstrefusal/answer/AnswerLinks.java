package firstrefusal.answer;

import firstrefusal.domain.offer.Window;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The link a notice or reminder carries to the answer page: {@code <base-url>/answer/<token>}, the token naming the
 * window it asks about (its revision and opening) and expiring at its deadline plus the clock's grace. Without a base
 * URL there are no links.
 */
public final class AnswerLinks {

    /** No base URL configured: notices carry no link. */
    public static final AnswerLinks NONE = new AnswerLinks(null, null);

    private final String base;
    private final LinkToken tokens;

    private AnswerLinks(String base, LinkToken tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    public static AnswerLinks of(URI baseUrl, LinkToken tokens) {
        String base = baseUrl.toString();
        return new AnswerLinks(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, tokens);
    }

    /** The link for the window, whose deadline the holder is told is {@code deadline}; empty without a base URL. */
    public Optional<String> url(String offerId, Window window, Instant deadline) {
        if (tokens == null || window == null || deadline == null) {
            return Optional.empty();
        }
        return Optional.of(base + "/answer/" + tokens.sign(offerId, window.revision(), window.openedAt(), deadline,
                window.clockGrace()));
    }
}
