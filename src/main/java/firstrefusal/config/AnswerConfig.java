package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The holder's answer links (src/docs/contract.md, "The holder answers on a page"), under {@code answer}. */
@ConfigMapping(prefix = "answer")
public interface AnswerConfig {

    /**
     * The answer page's public address (env {@code ANSWER_BASE_URL}): every notice and reminder then carries
     * {@code answerUrl}, {@code <base-url>/answer/<token>}; unset, no links are made and {@code /answer/} answers 404.
     */
    Optional<URI> baseUrl();

    /** The keys that sign and verify links, {@code answer.link-keys.<kid>}: each the base64 of at least 32 random bytes. */
    Map<String, String> linkKeys();

    /**
     * On AWS, the Secrets Manager secret (name or ARN; env {@code ANSWER_LINK_KEYS_SECRET}) whose value is a JSON object of
     * key ids to keys, read once at start: the keys never sit in the function's configuration.
     */
    Optional<String> linkKeysSecret();

    /** The key that signs new links (env {@code ANSWER_SIGNING_KEY_ID}); every key verifies. Default: the only one. */
    Optional<String> signingKeyId();
}
