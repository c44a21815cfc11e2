package firstrefusal.answer;

import firstrefusal.domain.RefusedValue;
import firstrefusal.domain.offer.Answer;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer form as posted ({@code application/x-www-form-urlencoded}: {@code answer}, {@code csrf}, {@code confirm}),
 * the body as the load balancer hands it over, base64 when its event says {@code isBase64Encoded}. A {@link Form} exists
 * only once the request proved it came from the link's own page and the person confirmed; everything else is a
 * {@link Refused} naming the field. Nothing here throws, whatever the body.
 */
public final class AnswerForm {

    /** The form is three short fields; a body past this is not one, and is refused before it is decoded. */
    public static final int MAX_BYTES = 4096;
    private static final String ANSWER = "answer";
    private static final String CSRF = "csrf";
    private static final String CONFIRM = "confirm";

    private AnswerForm() {
    }

    /** Why a POST records nothing, and the status it answers with. */
    public enum Refusal {
        /** No valid {@code csrf}, or not confirmed: the request did not come from a person on the link's page. */
        FORBIDDEN(403),
        /** The body is not a form, or the answer is missing or not one of the answers. */
        BAD_REQUEST(400);

        public final int status;

        Refusal(int status) {
            this.status = status;
        }
    }

    /** What a body reads as. */
    public sealed interface Read permits Form, Refused {
    }

    /** A confirmed answer, posted with the link's own CSRF token. */
    public record Form(Answer answer) implements Read {
    }

    /** Nothing is recorded; {@code field} is the one at fault ({@code body} when the body itself is). */
    public record Refused(Refusal kind, String field, String message) implements Read {
    }

    /**
     * Reads {@code body} posted to the link whose id is {@code jti}. The body is read first (400 if it is not a form), then
     * whether the request may answer at all (403: csrf, confirm), and only then what it answers (400), so a forged
     * request learns nothing about the answer field from the status.
     */
    public static Read read(String body, boolean isBase64Encoded, Csrf csrf, String jti) {
        // These come from the verified link, not from the request: a missing one is a bug, not a refusal.
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(jti, "jti");
        try {
            return check(body == null ? "" : body, isBase64Encoded, csrf, jti);
        } catch (RuntimeException e) {
            // The checks below return for every input they know of; this keeps a surprise a 400 instead of a 500.
            return badBody("could not be read as a form (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Read check(String body, boolean isBase64Encoded, Csrf csrf, String jti) {
        // Each base64 character carries 6 bits, and each character of a text body at least one byte: bound before decoding.
        int rawLimit = isBase64Encoded ? (MAX_BYTES + 2) / 3 * 4 : MAX_BYTES;
        if (body.length() > rawLimit) {
            return tooLarge();
        }
        byte[] bytes;
        if (isBase64Encoded) {
            try {
                bytes = Base64.getDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                return badBody("is marked base64 but is not base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BYTES) {
            return tooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return badBody("is not UTF-8");
        }
        Map<String, List<String>> fields = new HashMap<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return badBody("is not a form: a bad %-escape in " + RefusedValue.quoted(pair));
            }
            // Other fields (a submit button's name, say) are left alone; only these three mean anything.
            if (name.equals(ANSWER) || name.equals(CSRF) || name.equals(CONFIRM)) {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        List<String> tokens = fields.getOrDefault(CSRF, List.of());
        if (tokens.isEmpty()) {
            return forbidden(CSRF, "csrf is missing: answer from the link's own page");
        }
        if (tokens.size() > 1 || !csrf.matches(jti, tokens.getFirst())) {
            return forbidden(CSRF, tokens.size() > 1 ? "csrf must be given once"
                    : "csrf is not this link's: answer from the link's own page");
        }
        List<String> confirm = fields.getOrDefault(CONFIRM, List.of());
        if (confirm.size() != 1 || !confirm.getFirst().equals("yes")) {
            return forbidden(CONFIRM, confirm.isEmpty() ? "confirm is missing: the answer must be confirmed"
                    : "confirm must be 'yes' once, was " + RefusedValue.quoted(String.join(",", confirm)));
        }
        List<String> answer = fields.getOrDefault(ANSWER, List.of());
        if (answer.size() != 1) {
            return bad(ANSWER, answer.isEmpty() ? "answer is missing: MATCH or DECLINE" : "answer must be given once");
        }
        return switch (answer.getFirst()) {
            case "MATCH" -> new Form(Answer.MATCH);
            case "DECLINE" -> new Form(Answer.DECLINE);
            default -> bad(ANSWER, "answer must be MATCH or DECLINE, was " + RefusedValue.quoted(answer.getFirst()));
        };
    }

    private static Refused tooLarge() {
        return badBody("is larger than " + MAX_BYTES + " bytes: the answer form is three short fields");
    }

    private static Refused forbidden(String field, String message) {
        return new Refused(Refusal.FORBIDDEN, field, message);
    }

    private static Refused badBody(String problem) {
        return bad("body", "body " + problem);
    }

    private static Refused bad(String field, String message) {
        return new Refused(Refusal.BAD_REQUEST, field, message);
    }
}
