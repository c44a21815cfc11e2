package firstrefusal.config;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.answer.Answering;
import firstrefusal.answer.InvalidLinkKeyException;
import firstrefusal.answer.LinkKeys;
import firstrefusal.wire.WireJson;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answer links' configuration as the answer package takes it: the base URL, and the keys from {@code answer.link-keys.<kid>}
 * and, on AWS, from the Secrets Manager secret {@code answer.link-keys-secret} (a JSON object of key id to key, read once
 * at start by {@code secretValue}). A key that cannot be used stops start-up naming its configuration key, never its
 * value.
 */
public final class AnswerKeys {

    private AnswerKeys() {
    }

    public static Answering answering(AnswerConfig config, Function<String, String> secretValue) {
        Map<String, String> keys = new HashMap<>(config.linkKeys());
        config.linkKeysSecret().ifPresent(secret -> keys.putAll(fromSecret(secret, secretValue.apply(secret))));
        if (keys.isEmpty()) {
            if (config.baseUrl().isPresent()) {
                throw new IllegalArgumentException("answer.link-keys: answer.base-url is set, so links are made, and no key"
                        + " signs them: set answer.link-keys.<kid> (the base64 of at least 32 random bytes) or"
                        + " answer.link-keys-secret");
            }
            return Answering.OFF;
        }
        try {
            return new Answering(config.baseUrl(), Optional.of(LinkKeys.of(keys, config.signingKeyId())));
        } catch (InvalidLinkKeyException e) {
            String key = switch (e.subject()) {
                case KEY -> "answer.link-keys." + e.kid().orElse("");
                case SIGNING_KEY_ID -> "answer.signing-key-id";
                case KEYS -> "answer.link-keys";
            };
            throw new IllegalArgumentException(key + ": " + e.problem(), e);
        }
    }

    private static Map<String, String> fromSecret(String secret, String value) {
        JsonNode json;
        try {
            json = WireJson.parse(value, "secret");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("answer.link-keys-secret: the secret " + secret + " is not a JSON object of key"
                    + " ids to keys");
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("answer.link-keys-secret: the secret " + secret + " is not a JSON object of key"
                    + " ids to keys");
        }
        Map<String, String> keys = new HashMap<>();
        json.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("answer.link-keys-secret: key " + e.getKey() + " in " + secret
                        + " is not a string (the base64 of at least 32 random bytes)");
            }
            keys.put(e.getKey(), e.getValue().asText());
        });
        return keys;
    }
}
