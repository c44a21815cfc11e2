package firstrefusal.page;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The page's Qute templates, in the top-level {@code templates/} folder, each declaring the types of its parameters
 * ({@code {@firstrefusal.page.Board board}}): the Qute extension checks every expression against them when the tests
 * build the application (it is a test dependency). What ships is Qute's engine alone, built here on the first page
 * rendered: {@code decide} and {@code notify} never load it, where the extension would have started it, and parsed every
 * template, in every function's init.
 */
final class Templates {

    private Templates() {
    }

    /** {@code templates/status.html}: outstanding offers by provider, with the deadline timeline. */
    static TemplateInstance status(Frame frame, Board board, Chart chart, Timeline timeline) {
        return page("status", frame).data("board", board).data("chart", chart).data("timeline", timeline);
    }

    /** {@code templates/offer.html}: one offer, what to do about it, its revisions and its decision history. */
    static TemplateInstance offer(Frame frame, OfferView view) {
        return page("offer", frame).data("view", view);
    }

    /** {@code templates/whatIf.html}: the record replayed under a draft agreement. */
    static TemplateInstance whatIf(Frame frame, WhatIfView view) {
        return page("whatIf", frame).data("view", view);
    }

    /** {@code templates/decisions.html}: one page of the decision record, with its filters. */
    static TemplateInstance decisions(Frame frame, DecisionList list) {
        return page("decisions", frame).data("list", list);
    }

    /** {@code templates/agreement.html}: the agreement over time, and its commitments. */
    static TemplateInstance agreement(Frame frame, AgreementView view) {
        return page("agreement", frame).data("view", view);
    }

    /** {@code templates/problem.html}: a 400 or 404 page. */
    static TemplateInstance problem(Frame frame, int status, String title, String detail) {
        return page("problem", frame).data("status", status).data("title", title).data("detail", detail);
    }

    private static TemplateInstance page(String name, Frame frame) {
        return Page.ENGINE.getTemplate(name).data("frame", frame);
    }

    /** The engine, made when a class first asks for it: on the status page's first request, in that function only. */
    private static final class Page {

        static final Engine ENGINE = Engine.builder()
                .addDefaults()
                .addValueResolver(ValueResolvers.rawResolver())
                .addValueResolver(new ReflectionValueResolver())
                .addValueResolver(new FormatsResolver())
                // Every template is HTML: every value is escaped unless it is a RawString ({x.raw}, Formats' own markup).
                .addResultMapper(new HtmlEscaper(List.of("text/html")))
                .removeStandaloneLines(true)
                .addLocator(Page::locate)
                .build();

        /** {@code templates/<id>.html} on the class path; the id is a template's name ({@code {#include layout}}). */
        private static Optional<TemplateLocation> locate(String id) {
            URL url = Templates.class.getClassLoader().getResource("templates/" + id + ".html");
            if (url == null) {
                return Optional.empty();
            }
            return Optional.of(new TemplateLocation() {
                @Override
                public Reader read() {
                    try {
                        return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
                }
            });
        }
    }
}
