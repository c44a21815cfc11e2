package firstrefusal.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The type-safe Qute templates, in the top-level {@code templates/} folder; checked against these types at build time. */
@CheckedTemplate
final class Templates {

    private Templates() {
    }

    /** {@code templates/status.html}: outstanding offers by provider, with the deadline timeline. */
    static native TemplateInstance status(Frame frame, Board board, Chart chart, Timeline timeline);

    /** {@code templates/offer.html}: one offer, what to do about it, its revisions and its decision history. */
    static native TemplateInstance offer(Frame frame, OfferView view);

    /** {@code templates/what-if.html}: the record replayed under a draft agreement. */
    static native TemplateInstance whatIf(Frame frame, WhatIfView view);

    /** {@code templates/decisions.html}: one page of the decision record, with its filters. */
    static native TemplateInstance decisions(Frame frame, DecisionList list);

    /** {@code templates/agreement.html}: the agreement over time, and its commitments. */
    static native TemplateInstance agreement(Frame frame, AgreementView view);

    /** {@code templates/problem.html}: a 400 or 404 page. */
    static native TemplateInstance problem(Frame frame, int status, String title, String detail);
}
