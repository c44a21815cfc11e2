import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a saved proof of an offer's record against a digest obtained elsewhere (the S3 object, or the holder's copy of
 * the Record Digest event), with nothing but a JDK: {@code java src/verify/VerifyProof.java proof.json digest.json}.
 * Exit 0 and "verified through seq N, digest D"; exit 1 and the first mismatch; exit 2 when it could not check at all.
 * Deliberately self-contained (its own JSON reader, RFC 8785 writer, SHA-256 chain and RFC 9162 inclusion check) and
 * written apart from the product's classes, so that it is a second, independent reading of the same rules.
 */
public final class VerifyProof {

    /** The outcome: verified or not, and the line the command prints. */
    public record Verdict(boolean verified, String message) {}

    private static final String ZERO = "0".repeat(64);
    private static final long LARGEST_EXACT = (1L << 53) - 1;
    private static final List<String> FIELDS = List.of("digestId", "coversUntil", "previous", "treeSize", "root");

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java VerifyProof.java <proof.json> <digest.json>");
            System.exit(2);
        }
        String[] texts = new String[2];
        for (int i = 0; i < 2; i++) {
            try {
                texts[i] = Files.readString(Path.of(args[i]));
            } catch (IOException e) {
                System.out.println("cannot read " + args[i] + ": " + e);
                System.exit(2);
            }
        }
        Verdict verdict = verify(texts[0], texts[1]);
        System.out.println(verdict.message());
        System.exit(verdict.verified() ? 0 : 1);
    }

    /** The verdict on a proof (the JSON of GET /offers/{offerId}/proof) against a digest (bare, or its event). */
    public static Verdict verify(String proofJson, String digestJson) {
        try {
            Map<String, Object> given = object(read(digestJson, "digest file"), "digest file");
            if (given.containsKey("detail")) { // an EventBridge event: the digest is its detail
                if (given.containsKey("detail-type") && !"Record Digest".equals(given.get("detail-type"))) {
                    throw new Failed("digest file: an event of type " + given.get("detail-type") + ", not Record Digest");
                }
                given = object(given.get("detail"), "digest file's detail");
            }
            return new Verdict(true, check(object(read(proofJson, "proof"), "proof"), given));
        } catch (Failed failed) {
            return new Verdict(false, failed.getMessage());
        }
    }

    private static Object read(String json, String what) {
        try {
            return parse(json);
        } catch (Failed failed) {
            throw new Failed(what + ": " + failed.getMessage());
        }
    }

    private static String check(Map<String, Object> proof, Map<String, Object> given) {
        checkDigest(given, "digest file", false);
        if (proof.get("digest") == null) throw new Failed("proof: no digest covers this offer yet");
        Map<String, Object> digest = object(proof.get("digest"), "proof's digest");
        checkDigest(digest, "proof's digest", true);
        long id = integer(digest, "digestId", "proof's digest");
        String offerId = text(proof, "offerId", "proof");
        long start = 1;
        String previous = ZERO;
        if (proof.get("chainStartsAt") != null) { // a record chained after the fact: nothing before this seq is covered
            Map<String, Object> from = object(proof.get("chainStartsAt"), "chainStartsAt");
            start = integer(from, "seq", "chainStartsAt");
            previous = hash(from, "previousHash", "chainStartsAt");
            if (start < 1) throw new Failed("chainStartsAt: seq " + start + " is before seq 1");
        }
        // The chain: every item where it belongs, saying its own seq, hashed after the one before it.
        List<Object> items = array(proof.get("items"), "proof's items");
        long[] seqs = new long[items.size()];
        for (int i = 0; i < seqs.length; i++) {
            Map<String, Object> item = object(items.get(i), "item " + i);
            if (item.get("seq") == null && item.get("key") instanceof String key) { // listed by the product, not chained
                long head = integer(object(proof.get("head"), "proof's head"), "seq", "proof's head");
                throw new Failed("seq " + (head + 1) + ": an item outside the chain (" + key + ")");
            }
            seqs[i] = integer(item, "seq", "item " + i);
        }
        Map<Long, String> hashes = new LinkedHashMap<>();
        long expected = start;
        for (int i = 0; i < seqs.length; i++, expected++) {
            if (seqs[i] != expected) throw new Failed(outOfPlace(seqs, i, expected, start));
            Map<String, Object> item = object(items.get(i), "item " + i);
            String canonical = text(item, "canonical", "seq " + expected);
            canonicalSaysItself(canonical, expected, offerId);
            previous = hex(sha256(HexFormat.of().parseHex(previous), canonical.getBytes(StandardCharsets.UTF_8)));
            if (!previous.equals(item.get("hash"))) throw new Failed("seq " + expected + ": hash does not match its canonical form");
            hashes.put(expected, previous);
        }
        long last = expected - 1; // the head: the last item, neither fewer nor more
        Map<String, Object> head = object(proof.get("head"), "proof's head");
        long headSeq = integer(head, "seq", "proof's head");
        if (seqs.length == 0) throw new Failed("seq " + start + ": missing (the proof has no items)");
        if (headSeq > last) throw new Failed("seq " + (last + 1) + ": missing (the head is seq " + headSeq + ")");
        if (headSeq < last) throw new Failed("seq " + (headSeq + 1) + ": after the head (seq " + headSeq + ")");
        if (!previous.equals(head.get("hash"))) throw new Failed("seq " + last + ": hash differs from the head's");

        // The digest: the leaf holds the hash of the item at digestedThrough, and its path leads to the digest's root.
        long through = integer(proof, "digestedThrough", "proof");
        if (!hashes.containsKey(through)) throw new Failed("seq " + through + ": digested, but not in the proof");
        List<byte[]> path = new ArrayList<>();
        for (Object step : array(proof.get("inclusion"), "proof's inclusion")) {
            if (!isHash(step)) throw new Failed("digest " + id + ": inclusion proof is not a list of hashes");
            path.add(HexFormat.of().parseHex((String) step));
        }
        Map<String, Object> leaf = Map.of("offerId", offerId, "seq", through, "hash", hashes.get(through));
        byte[] leafHash = sha256(new byte[] {0}, jcs(leaf).getBytes(StandardCharsets.UTF_8));
        byte[] root = rootFromInclusion(integer(proof, "leafIndex", "proof"), integer(digest, "treeSize", "proof's digest"), leafHash, path);
        if (root == null || !hex(root).equals(digest.get("root"))) throw new Failed("digest " + id + ": root does not match the inclusion proof");

        // Both digests' hashes were checked against their fields, so equal fields mean the very same digest.
        for (String field : FIELDS) {
            if (!jcs(given.get(field)).equals(jcs(digest.get(field)))) {
                throw new Failed("digest " + id + ": not the digest given (its " + field + " differs: " + jcs(given.get(field)) + ")");
            }
        }
        return "verified through seq " + through + ", digest " + id
                + (through < last ? "; seq " + (through + 1) + (through + 1 < last ? " to " + last : "") + " recorded since, not yet digested" : "")
                + (start > 1 ? "; the chain starts at seq " + start + ", earlier items are not covered" : "")
                + (proof.get("chainedAt") instanceof String at ? "; chained on " + at + ", so it shows the items recorded"
                        + " before then as they stood that day" : "");
    }

    /** Checks the digest's fields and its hash, SHA-256 of the canonical form of the five (a bare S3 copy may omit it). */
    private static void checkDigest(Map<String, Object> digest, String what, boolean hashRequired) {
        long id = integer(digest, "digestId", what);
        text(digest, "coversUntil", what);
        if (!digest.containsKey("previous") || digest.get("previous") != null && !isHash(digest.get("previous"))) {
            throw new Failed(what + ": previous is neither null nor a SHA-256 hash in lowercase hex");
        }
        if (integer(digest, "treeSize", what) < 0) throw new Failed(what + ": treeSize is negative");
        hash(digest, "root", what);
        Map<String, Object> five = new LinkedHashMap<>();
        FIELDS.forEach(field -> five.put(field, digest.get(field)));
        String hash = hex(sha256(jcs(five).getBytes(StandardCharsets.UTF_8)));
        if ((hashRequired || digest.containsKey("hash")) && !hash.equals(digest.get("hash"))) {
            throw new Failed("digest " + id + ": hash does not match its five fields");
        }
    }

    /** The item's canonical form must be an RFC 8785 canonical object that carries the item's own seq (and offer). */
    private static void canonicalSaysItself(String canonical, long seq, String offerId) {
        Object parsed;
        String rewritten;
        try {
            parsed = parse(canonical);
            rewritten = jcs(parsed);
        } catch (Failed failed) {
            throw new Failed("seq " + seq + ": canonical form is not canonical JSON (" + failed.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> fields) || !Long.valueOf(seq).equals(fields.get("seq"))) {
            throw new Failed("seq " + seq + ": canonical form does not say seq " + seq);
        }
        if (fields.get("offerId") instanceof String other && !other.equals(offerId)) {
            throw new Failed("seq " + seq + ": canonical form names offer " + other);
        }
        if (!rewritten.equals(canonical)) throw new Failed("seq " + seq + ": canonical form is not RFC 8785 canonical");
    }

    private static String outOfPlace(long[] seqs, int index, long expected, long start) {
        long found = seqs[index];
        if (found < start) return "seq " + found + ": before the start of the chain at seq " + start;
        if (found < expected) return "seq " + found + ": appears more than once";
        for (int j = index + 1; j < seqs.length; j++) {
            if (seqs[j] == expected) return "seq " + expected + ": out of order (seq " + found + " comes before it)";
        }
        return "seq " + expected + ": missing (the next item is seq " + found + ")";
    }

    /** RFC 9162 §2.1.3.2: the root an inclusion path leads to, or null when it cannot be a path for this index and size. */
    static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= size) return null;
        long fn = index, sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) return null;
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(new byte[] {1}, p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            } else {
                r = sha256(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 8785 for the values this reader yields: objects, arrays, strings, integers, booleans, null. */
    public static String jcs(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value instanceof Boolean || value instanceof Long) out.append(value);
        else if (value instanceof String text) quote(text, out);
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) { if (i > 0) out.append(','); write(list.get(i), out); }
            out.append(']');
        } else {
            Map<?, ?> map = (Map<?, ?>) value;
            List<String> names = new ArrayList<>();
            map.keySet().forEach(name -> names.add((String) name));
            names.sort(VerifyProof::utf16Order);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i > 0 ? "," : "");
                quote(names.get(i), out);
                write(map.get(names.get(i)), out.append(':'));
            }
            out.append('}');
        }
    }

    /** RFC 8785 §3.2.3: names are ordered by their UTF-16 code units, compared as unsigned numbers. */
    private static int utf16Order(String a, String b) {
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) return a.charAt(i) - b.charAt(i);
        }
        return a.length() - b.length();
    }

    /** RFC 8785 §3.2.2.2: the short escapes, \\u00xx (lowercase) for other controls, everything else as it is. */
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) throw new Failed("a lone surrogate is not Unicode text");
            int shortEscape = "\"\\\b\f\n\r\t".indexOf(c);
            if (shortEscape >= 0) out.append('\\').append("\"\\bfnrt".charAt(shortEscape));
            else out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        out.append('"');
    }

    /** A small strict JSON reader: integers only (exact amounts are strings), no duplicate names, nothing after the value. */
    public static Object parse(String text) {
        Reader reader = new Reader(text);
        Object value = reader.value(0);
        if (reader.peekEnd()) return value;
        throw reader.bad("more after the value");
    }

    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) { this.s = s; }

        Failed bad(String what) { return new Failed("not JSON: " + what + " at offset " + at); }

        void space() { while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) at++; }

        boolean peekEnd() { space(); return at == s.length(); }

        char peek() {
            space();
            if (at >= s.length()) throw bad("it ends early");
            return s.charAt(at);
        }

        boolean more(char close) { // after a member or element: a comma, or the end of the object or array
            char c = peek();
            if (c != ',' && c != close) throw bad("'" + c + "'");
            at++;
            return c == ',';
        }

        Object value(int depth) {
            if (depth > 64) throw bad("nested too deep");
            char c = peek();
            if (c == '{') {
                Map<String, Object> members = new LinkedHashMap<>();
                at++;
                if (peek() == '}') { at++; return members; }
                do {
                    if (peek() != '"') throw bad("a name that is not a string");
                    String name = string();
                    if (peek() != ':') throw bad("no ':'");
                    at++;
                    if (members.containsKey(name)) throw bad("the name " + name + " twice");
                    members.put(name, value(depth + 1));
                } while (more('}'));
                return members;
            }
            if (c == '[') {
                List<Object> elements = new ArrayList<>();
                at++;
                if (peek() == ']') { at++; return elements; }
                do { elements.add(value(depth + 1)); } while (more(']'));
                return elements;
            }
            if (c == '"') return string();
            if (c == '-' || (c >= '0' && c <= '9')) return integer();
            for (String word : List.of("true", "false", "null")) {
                if (s.startsWith(word, at)) { at += word.length(); return word.equals("null") ? null : Boolean.valueOf(word); }
            }
            throw bad("'" + c + "'");
        }

        String string() {
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                if (at >= s.length()) throw bad("a string that does not end");
                char c = s.charAt(at++);
                if (c == '"') return out.toString();
                if (c < 0x20) throw bad("a control character in a string");
                if (c != '\\') { out.append(c); continue; }
                int e = "\"\\/bfnrt".indexOf(at < s.length() ? s.charAt(at++) : ' ');
                if (e >= 0) out.append("\"\\/\b\f\n\r\t".charAt(e));
                else if (s.charAt(at - 1) == 'u' && at + 4 <= s.length() && s.substring(at, at + 4).chars().allMatch(HexFormat::isHexDigit)) {
                    out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                    at += 4;
                } else throw bad("a bad escape");
            }
        }

        Long integer() {
            int begin = at;
            if (s.charAt(at) == '-') at++;
            int digits = at;
            while (at < s.length() && Character.isDigit(s.charAt(at)) && s.charAt(at) < 0x80) at++;
            if (at == digits || (s.charAt(digits) == '0' && at - digits > 1)) throw bad("a malformed number");
            if (at < s.length() && ".eE".indexOf(s.charAt(at)) >= 0) throw bad("a number that is not an integer");
            if (at - digits > 16 || Math.abs(Long.parseLong(s.substring(begin, at))) > LARGEST_EXACT) throw bad("an integer beyond 2^53 - 1");
            return Long.parseLong(s.substring(begin, at));
        }
    }

    // Typed access to parsed JSON: a value of another type is a mismatch, named by where it is.
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw new Failed(what + " is not a JSON object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object value, String what) {
        if (value instanceof List<?> list) return (List<Object>) list;
        throw new Failed(what + " is not a JSON array");
    }

    private static long integer(Map<String, Object> fields, String name, String what) {
        if (fields.get(name) instanceof Long n) return n;
        throw new Failed(what + ": " + name + " is not an integer");
    }

    private static String text(Map<String, Object> fields, String name, String what) {
        if (fields.get(name) instanceof String text) return text;
        throw new Failed(what + ": " + name + " is not a string");
    }

    private static String hash(Map<String, Object> fields, String name, String what) {
        if (isHash(fields.get(name))) return (String) fields.get(name);
        throw new Failed(what + ": " + name + " is not a SHA-256 hash in lowercase hex");
    }

    private static boolean isHash(Object value) { return value instanceof String s && s.matches("[0-9a-f]{64}"); }

    private static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) digest.update(part);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first mismatch, carried out of the checks (no stack trace: it is an answer, not a fault). */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        Failed(String message) { super(message, null, false, false); }
    }
}
