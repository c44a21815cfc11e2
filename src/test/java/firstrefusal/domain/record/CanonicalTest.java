package firstrefusal.domain.record;

import firstrefusal.support.IndependentVerifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 8785 on the values a record holds. Expected outputs are the RFC's own examples (§3.2.2, §3.2.3, §3.2.4), less the
 * numbers that the record never holds; the rest is checked against the independent verifier's canonicalizer.
 */
class CanonicalTest {

    /** RFC 8785 §3.2.2's "string" value: a euro sign, a control character, a newline, escapes and a slash. */
    private static final String RFC_STRING = "\u20ac$\u000F\nA'B\"\\\\\"/";

    @Test
    void theRfcExampleWithoutItsNumbersIsWrittenAsTheRfcWritesIt() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("string", RFC_STRING);
        input.put("literals", Arrays.asList(null, true, false));

        assertThat(Canonical.json(input)).isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void theUtf8BytesAreTheRfcsHexLessTheNumbersMember() {
        // RFC 8785 §3.2.4, with the bytes of `"numbers":[...],` cut out of the middle.
        String rfcHex = "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c"
                + " 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";
        Map<String, Object> input = Map.of("literals", Arrays.asList(null, true, false), "string", RFC_STRING);

        assertThat(Canonical.utf8(input)).isEqualTo(HexFormat.of().parseHex(rfcHex.replace(" ", "")));
    }

    @Test
    void keysAreSortedByUtf16CodeUnitsAsInTheRfc() {
        // RFC 8785 §3.2.3: the emoji (a surrogate pair, D83D DE00) sorts before U+FB33, unlike by code point.
        Map<String, Object> input = new HashMap<>();
        input.put("\u20ac", "Euro Sign");
        input.put("\r", "Carriage Return");
        input.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        input.put("1", "One");
        input.put("\ud83d\ude00", "Emoji: Grinning Face");
        input.put("\u0080", "Control");
        input.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(Canonical.json(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void controlCharactersUseTheShortEscapesOrLowercaseUnicodeEscapes() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        assertThat(Canonical.json(all.toString())).isEqualTo("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                + "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019"
                + "\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
        // Everything else is written as it is: DEL, the line and paragraph separators, the slash.
        assertThat(Canonical.json("\u007f\u2028\u2029/")).isEqualTo("\"\u007f\u2028\u2029/\"");
    }

    @Test
    void literalsIntegersAndNestingHaveNoWhitespaceAndObjectsAreSortedAtEveryDepth() {
        Map<String, Object> nested = Map.of("z", Map.of("b", 1, "a", List.of()), "a", Map.of(), "m", List.of(Map.of("y", -7L, "x", true)));

        assertThat(Canonical.json(null)).isEqualTo("null");
        assertThat(Canonical.json(true)).isEqualTo("true");
        assertThat(Canonical.json(false)).isEqualTo("false");
        assertThat(Canonical.json(0)).isEqualTo("0");
        assertThat(Canonical.json(Canonical.LARGEST_EXACT)).isEqualTo("9007199254740991");
        assertThat(Canonical.json(-Canonical.LARGEST_EXACT)).isEqualTo("-9007199254740991");
        assertThat(Canonical.json(nested)).isEqualTo("{\"a\":{},\"m\":[{\"x\":true,\"y\":-7}],\"z\":{\"a\":[],\"b\":1}}");
        assertThat(Canonical.json("")).isEqualTo("\"\"");
    }

    @Test
    void whatTheRecordNeverHoldsIsRefusedRatherThanWrittenSomeWay() {
        assertThatThrownBy(() -> Canonical.json(Map.of("price", 12.5))).hasMessageContaining("Double").hasMessageContaining("strings");
        assertThatThrownBy(() -> Canonical.json(new BigDecimal("12.50"))).hasMessageContaining("BigDecimal");
        assertThatThrownBy(() -> Canonical.json(Canonical.LARGEST_EXACT + 1)).hasMessageContaining("2^53");
        assertThatThrownBy(() -> Canonical.json(Map.of(1, "one"))).hasMessageContaining("keys are strings");
        assertThatThrownBy(() -> Canonical.json("\ud83d")).hasMessageContaining("lone surrogate U+D83D");
        assertThatThrownBy(() -> Canonical.json("a\ude00b")).hasMessageContaining("lone surrogate U+DE00");
        assertThatThrownBy(() -> Canonical.json(Map.of("\ude00\ud83d", 1))).hasMessageContaining("lone surrogate");
        List<Object> deep = new ArrayList<>();
        deep.add(deep);
        assertThatThrownBy(() -> Canonical.json(deep)).hasMessageContaining("deeper than");
    }

    @Test
    void theIndependentVerifierReadsAndRewritesEveryCanonicalFormToTheSameText() {
        Random random = new Random(8785);
        for (int i = 0; i < 500; i++) {
            String canonical = Canonical.json(value(random, 0));

            assertThat(IndependentVerifier.canonicalize(canonical)).as("value %d", i).isEqualTo(canonical);
        }
    }

    @Test
    void theUtf8FormIsTheUtf8OfTheText() {
        Map<String, Object> value = Map.of("note", "€ and \ud83d\ude00");
        assertThat(Canonical.utf8(value)).isEqualTo(Canonical.json(value).getBytes(StandardCharsets.UTF_8));
    }

    /** Random values from a pool of awkward characters: controls, quotes, non-ASCII, pairs either side of U+FFFF. */
    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong(-Canonical.LARGEST_EXACT, Canonical.LARGEST_EXACT + 1);
            case 3 -> text(random);
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new HashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(text(random), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String text(Random random) {
        String[] pool = {"a", "B", "1", "\"", "\\", "/", "\n", "\u0000", "\u001f", "\u007f", "\u0080", "ö", "€", "\ufb33",
            "\uffff", "\ud83d\ude00", "\ud800\udc00", "\u2028", " ", "é"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.append(pool[random.nextInt(pool.length)]);
        }
        return text.toString();
    }
}
