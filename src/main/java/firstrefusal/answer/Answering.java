package firstrefusal.answer;

import java.net.URI;
import java.util.Optional;

/**
 * Whether the holder answers on a page, and with what: the keys that sign and verify its links, and the page's public
 * address the links point to. {@code notify} makes links only with both; the page answers a link with the keys alone
 * (it is reached at its address, so it needs no other). Without keys, {@code /answer/} is a 404.
 */
public record Answering(Optional<URI> baseUrl, Optional<LinkKeys> keys) {

    public static final Answering OFF = new Answering(Optional.empty(), Optional.empty());

    /** The links notices carry; none without a base URL or keys. */
    public AnswerLinks links() {
        return baseUrl.isPresent() && keys.isPresent() ? AnswerLinks.of(baseUrl.get(), new LinkToken(keys.get())) : AnswerLinks.NONE;
    }

    /** What the answer page verifies links with; empty without keys. */
    public Optional<LinkToken> tokens() {
        return keys.map(LinkToken::new);
    }

    public Optional<Csrf> csrf() {
        return keys.map(Csrf::new);
    }
}
