package firstrefusal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.answer.Answering;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The answer links' keys as configured: from {@code answer.link-keys.<kid>} and the Secrets Manager secret, and a key
 * that cannot be used stopping start-up with its configuration key named, never its value.
 */
class AnswerKeysTest {

    private static final String KEY = "bGluay1rZXktb25lLWZvci10aGUtYW5zd2VyLXBhZ2UtdGVzdHM=";
    private static final String OTHER = "bGluay1rZXktdHdvLWZvci10aGUtYW5zd2VyLXBhZ2UtdGVzdHMh";
    private static final Function<String, String> NO_SECRET = secret -> {
        throw new AssertionError("no secret configured, none read");
    };

    private static AnswerConfig config(String baseUrl, Map<String, String> keys, String secret, String signing) {
        return new AnswerConfig() {
            public Optional<URI> baseUrl() {
                return Optional.ofNullable(baseUrl).map(URI::create);
            }

            public Map<String, String> linkKeys() {
                return keys;
            }

            public Optional<String> linkKeysSecret() {
                return Optional.ofNullable(secret);
            }

            public Optional<String> signingKeyId() {
                return Optional.ofNullable(signing);
            }
        };
    }

    @Test
    void withoutBaseUrlOrKeysThereAreNoLinksAndNoAnswerPage() {
        Answering off = AnswerKeys.answering(config(null, Map.of(), null, null), NO_SECRET);
        assertThat(off.keys()).isEmpty();
        assertThat(off.links().url("o", null, null)).isEmpty();
    }

    @Test
    void aBaseUrlWithoutAKeyStopsStartUpNamingTheKeys() {
        assertThatThrownBy(() -> AnswerKeys.answering(config("https://a.test", Map.of(), null, null), NO_SECRET))
                .hasMessageStartingWith("answer.link-keys: answer.base-url is set");
    }

    @Test
    void aShortKeyIsNamedByItsConfigurationKeyAndNeverQuoted() {
        assertThatThrownBy(() -> AnswerKeys.answering(config("https://a.test", Map.of("k1", "c2hvcnQ="), null, null), NO_SECRET))
                .hasMessageStartingWith("answer.link-keys.k1: ").hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void withSeveralKeysTheSigningKeyMustBeNamedAndExist() {
        assertThatThrownBy(() -> AnswerKeys.answering(config("https://a.test", Map.of("k1", KEY, "k2", OTHER), null, null), NO_SECRET))
                .hasMessageStartingWith("answer.signing-key-id: ");
        assertThatThrownBy(() -> AnswerKeys.answering(config("https://a.test", Map.of("k1", KEY), null, "k9"), NO_SECRET))
                .hasMessageStartingWith("answer.signing-key-id: ");
        assertThat(AnswerKeys.answering(config("https://a.test", Map.of("k1", KEY, "k2", OTHER), null, "k2"), NO_SECRET)
                .keys().orElseThrow().signingKid()).isEqualTo("k2");
    }

    @Test
    void theSecretsKeysJoinTheConfiguredOnesAndABadSecretIsNamed() {
        Answering both = AnswerKeys.answering(config("https://a.test", Map.of("k1", KEY), "arn:secret", "k2"),
                secret -> "{\"k2\": \"" + OTHER + "\"}");
        assertThat(both.keys().orElseThrow().kids()).containsExactly("k1", "k2");
        assertThatThrownBy(() -> AnswerKeys.answering(config("https://a.test", Map.of(), "arn:secret", null), secret -> "[1]"))
                .hasMessageStartingWith("answer.link-keys-secret: the secret arn:secret is not a JSON object");
        assertThatThrownBy(() -> AnswerKeys.answering(config("https://a.test", Map.of(), "arn:secret", null), secret -> "{\"k1\": 5}"))
                .hasMessageStartingWith("answer.link-keys-secret: key k1 in arn:secret is not a string");
    }
}
