package firstrefusal.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The page's Qute templates, type-safe: each method names its template in the top-level {@code templates/} folder
 * ({@code status} is {@code templates/status.html}) and declares its parameters, so the Qute extension checks every
 * expression of every template against them when it builds the application, and a typo fails the build. The values
 * read as {@link Formats}' template extensions ({@code {x.utc}}), and every value is HTML-escaped unless a
 * {@code RawString} says otherwise. The extension generates the value resolvers, so nothing is read by reflection and a
 * native image needs nothing registered for the templates.
 */
@CheckedTemplate(basePath = "")
final class Templates {

    private Templates() {
    }

    /** {@code templates/status.html}: outstanding offers by provider, with the deadline timeline. */
    static native TemplateInstance status(Frame frame, Board board, Chart chart, Timeline timeline);

    /** {@code templates/offer.html}: one offer, what to do about it, its revisions and its decision history. */
    static native TemplateInstance offer(Frame frame, OfferView view, ProofLine proof);

    /** The holder's answer page: a page of its own, showing one offer and nothing beyond it. */
    static native TemplateInstance holderAnswer(String css, AnswerView view);

    /** {@code templates/whatIf.html}: the record replayed under a draft agreement. */
    static native TemplateInstance whatIf(Frame frame, WhatIfView view);

    /** {@code templates/decisions.html}: one page of the decision record, with its filters. */
    static native TemplateInstance decisions(Frame frame, DecisionList list);

    /** {@code templates/agreement.html}: the agreement over time, and its commitments. */
    static native TemplateInstance agreement(Frame frame, AgreementView view);

    /** {@code templates/problem.html}: a 400 or 404 page. */
    static native TemplateInstance problem(Frame frame, int status, String title, String detail);
}
