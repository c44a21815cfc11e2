package firstrefusal.page;

import firstrefusal.offer.OfferRecord;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The type-safe Qute templates, in the top-level {@code templates/} folder; checked against these types at build time. */
@CheckedTemplate
final class Templates {

    private Templates() {
    }

    /** {@code templates/status.html}: outstanding offers by provider. */
    static native TemplateInstance status(Frame frame, Board board, Chart chart);

    /** {@code templates/offer.html}: one offer and its decision history. */
    static native TemplateInstance offer(Frame frame, OfferRecord offer, String providerName);

    /** {@code templates/problem.html}: a 400 or 404 page. */
    static native TemplateInstance problem(Frame frame, int status, String title, String detail);
}
