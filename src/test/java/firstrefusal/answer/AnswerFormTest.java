package firstrefusal.answer;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.answer.AnswerForm.Form;
import firstrefusal.answer.AnswerForm.Refusal;
import firstrefusal.answer.AnswerForm.Refused;
import firstrefusal.domain.offer.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AnswerFormTest {

    private final Csrf csrf = new Csrf(TestLinks.oneKey());
    private final String jti = LinkToken.jti("o-1", 2, TestLinks.OPENED);
    private final String token = csrf.tokenFor(jti);

    @Test
    void aConfirmedAnswerWithTheLinksCsrfIsAForm() {
        assertThat(read("answer=MATCH&csrf=" + token + "&confirm=yes")).isEqualTo(new Form(Answer.MATCH));
        assertThat(read("confirm=yes&csrf=" + token + "&answer=DECLINE&submit=Send")).isEqualTo(new Form(Answer.DECLINE));
    }

    @Test
    void aBase64BodyIsDecodedFirst() {
        String body = Base64.getEncoder().encodeToString(("answer=MATCH&csrf=" + token + "&confirm=yes").getBytes(StandardCharsets.UTF_8));
        assertThat(AnswerForm.read(body, true, csrf, jti)).isEqualTo(new Form(Answer.MATCH));
        assertRefused(AnswerForm.read("answer=MATCH&confirm=yes", true, csrf, jti), Refusal.BAD_REQUEST, "body");
    }

    @Test
    void escapesAreDecoded() {
        assertThat(read("answer=%4DATCH&csrf=" + token + "&%63onfirm=yes")).isEqualTo(new Form(Answer.MATCH));
    }

    @Test
    void withoutAValidCsrfItIsForbidden() {
        assertRefused(read("answer=MATCH&confirm=yes"), Refusal.FORBIDDEN, "csrf");
        assertRefused(read("answer=MATCH&csrf=&confirm=yes"), Refusal.FORBIDDEN, "csrf");
        assertRefused(read("answer=MATCH&csrf=" + csrf.tokenFor("another-link") + "&confirm=yes"), Refusal.FORBIDDEN, "csrf");
        assertRefused(read("answer=MATCH&csrf=" + token + "&csrf=" + token + "&confirm=yes"), Refusal.FORBIDDEN, "csrf");
        assertRefused(read(null), Refusal.FORBIDDEN, "csrf");
    }

    @Test
    void withoutConfirmItIsForbidden() {
        assertRefused(read("answer=MATCH&csrf=" + token), Refusal.FORBIDDEN, "confirm");
        assertRefused(read("answer=MATCH&csrf=" + token + "&confirm=no"), Refusal.FORBIDDEN, "confirm");
        assertRefused(read("answer=MATCH&csrf=" + token + "&confirm=YES"), Refusal.FORBIDDEN, "confirm");
        assertRefused(read("answer=MATCH&csrf=" + token + "&confirm=yes&confirm=yes"), Refusal.FORBIDDEN, "confirm");
    }

    @Test
    void aMissingOrUnknownAnswerIsABadRequest() {
        assertRefused(read("csrf=" + token + "&confirm=yes"), Refusal.BAD_REQUEST, "answer");
        assertRefused(read("answer=match&csrf=" + token + "&confirm=yes"), Refusal.BAD_REQUEST, "answer");
        assertRefused(read("answer=ACCEPT&csrf=" + token + "&confirm=yes"), Refusal.BAD_REQUEST, "answer");
        assertRefused(read("answer=MATCH&answer=DECLINE&csrf=" + token + "&confirm=yes"), Refusal.BAD_REQUEST, "answer");
    }

    @Test
    void aForgedRequestIsForbiddenBeforeItsAnswerIsLookedAt() {
        assertRefused(read("answer=STEAL"), Refusal.FORBIDDEN, "csrf");
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        assertRefused(read("answer=MATCH&csrf=%zz&confirm=yes"), Refusal.BAD_REQUEST, "body");
        assertRefused(read("answer=MATCH%"), Refusal.BAD_REQUEST, "body");
        assertRefused(AnswerForm.read("not base64!", true, csrf, jti), Refusal.BAD_REQUEST, "body");
        byte[] notUtf8 = {'a', '=', (byte) 0xff, (byte) 0xfe};
        assertRefused(AnswerForm.read(Base64.getEncoder().encodeToString(notUtf8), true, csrf, jti), Refusal.BAD_REQUEST, "body");
    }

    @Test
    void aBodyPastTheLimitIsABadRequestEncodedOrNot() {
        String padding = "&x=" + "a".repeat(AnswerForm.MAX_BYTES);
        String body = "answer=MATCH&csrf=" + token + "&confirm=yes" + padding;
        assertRefused(read(body), Refusal.BAD_REQUEST, "body");
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        assertRefused(AnswerForm.read(encoded, true, csrf, jti), Refusal.BAD_REQUEST, "body");
        String multiByte = "answer=MATCH&csrf=" + token + "&confirm=yes&x=" + "é".repeat(AnswerForm.MAX_BYTES / 2);
        assertRefused(read(multiByte), Refusal.BAD_REQUEST, "body");
        String justUnder = "answer=MATCH&csrf=" + token + "&confirm=yes&x=";
        assertThat(read(justUnder + "a".repeat(AnswerForm.MAX_BYTES - justUnder.length()))).isEqualTo(new Form(Answer.MATCH));
    }

    @Test
    void theStatusOfEachRefusal() {
        assertThat(Refusal.FORBIDDEN.status).isEqualTo(403);
        assertThat(Refusal.BAD_REQUEST.status).isEqualTo(400);
    }

    private AnswerForm.Read read(String body) {
        return AnswerForm.read(body, false, csrf, jti);
    }

    private static void assertRefused(AnswerForm.Read read, Refusal kind, String field) {
        assertThat(read).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.kind()).isEqualTo(kind);
            assertThat(r.field()).isEqualTo(field);
            assertThat(r.message()).contains(field);
        });
    }
}
