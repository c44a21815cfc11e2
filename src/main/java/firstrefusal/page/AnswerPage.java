package firstrefusal.page;

import firstrefusal.answer.AnswerForm;
import firstrefusal.answer.AnswerHeaders;
import firstrefusal.answer.Answering;
import firstrefusal.answer.Csrf;
import firstrefusal.answer.LinkToken;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The holder's answer page (src/docs/contract.md, "The holder answers on a page"): {@code GET /answer/<token>} shows the
 * one offer the link names and asks MATCH or DECLINE, {@code ?answer=} confirms one, and {@code POST} records it as a
 * Holder Response through the same decide path as any other, stamped with the instant the request reached the product.
 * The link is the credential: a token that does not verify is a 404, an expired one a 410, neither with the offer's
 * data; a post without the link's CSRF token or the confirmation is a 403. None of those records anything. Every answer
 * carries the headers that keep the link where it is ({@link AnswerHeaders}).
 */
final class AnswerPage {

    static final String PREFIX = "/answer/";
    private static final Logger LOG = Logger.getLogger(AnswerPage.class);
    private static final String HTML = "text/html; charset=utf-8";

    private final OfferStore store;
    private final DecisionService decisions;
    private final Agreement agreement;
    private final Optional<LinkToken> tokens;
    private final Optional<Csrf> csrf;
    private final Stylesheet style;
    private final Map<String, String> headers;

    AnswerPage(OfferStore store, DecisionService decisions, Agreement agreement, Answering answering, Stylesheet style) {
        this.store = store;
        this.decisions = decisions;
        this.agreement = agreement;
        this.tokens = answering.tokens();
        this.csrf = answering.csrf();
        this.style = style;
        this.headers = AnswerHeaders.withInlineStyle(style.hash());
    }

    PageResponse handle(PageRequest request, Instant arrived) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method()) && !"POST".equals(request.method())) {
            return new PageResponse(405, "text/plain; charset=utf-8", "Only GET, HEAD and POST are supported here\n", headers);
        }
        String token = request.path().substring(PREFIX.length());
        if (tokens.isEmpty()) {
            return refused(404, "This link is not valid.", "answer links are off (no answer.link-keys)");
        }
        return switch (tokens.get().verify(token, arrived)) {
            case LinkToken.Invalid invalid -> refused(404, "This link is not valid.", invalid.reason());
            case LinkToken.Expired expired -> refused(410, "This link expired at " + Formats.utc(expired.expiredAt())
                    + "; the window it asked about has closed.", "expired at " + expired.expiredAt());
            case LinkToken.Valid link -> store.load(link.offerId())
                    .map(record -> "POST".equals(request.method()) ? answer(request, link, record, arrived)
                            : show(request, link, record, arrived))
                    .orElseGet(() -> refused(404, "This link is not valid.", "offer " + link.offerId() + " is not on record"));
        };
    }

    /** The offer, and the question; with {@code ?answer=}, the confirming step for that answer. */
    private PageResponse show(PageRequest request, LinkToken.Valid link, OfferRecord record, Instant now) {
        Optional<String> closed = closedBecause(link, record);
        if (closed.isPresent()) {
            return page(200, view(AnswerView.Step.CLOSED, link, record, now, null, request, closed.get()));
        }
        Optional<Answer> chosen = Optional.ofNullable(request.query().get("answer")).flatMap(AnswerPage::answer);
        return chosen.map(a -> page(200, view(AnswerView.Step.CONFIRMING, link, record, now, a, request,
                        (a == Answer.MATCH ? "Match: " : "Decline: ") + "confirm to record it.")))
                .orElseGet(() -> page(200, view(AnswerView.Step.ASKING, link, record, now, null, request,
                        policyAt(now).holderName() + " may match this offer on its terms, or decline it.")));
    }

    /** Records a confirmed answer from the link's own page; the page then shows the decision. */
    private PageResponse answer(PageRequest request, LinkToken.Valid link, OfferRecord record, Instant arrived) {
        AnswerForm.Read read = AnswerForm.read(request.body(), request.base64(), csrf.orElseThrow(), link.jti());
        if (read instanceof AnswerForm.Refused refused) {
            LOG.warnf("answer on link %s for offer %s refused (%d): %s", link.jti(), link.offerId(), refused.kind().status,
                    refused.message());
            return page(refused.kind().status, view(AnswerView.Step.CLOSED, link, record, arrived, null, request,
                    "Nothing was recorded: " + refused.message() + "."));
        }
        Answer answer = ((AnswerForm.Form) read).answer();
        Policy policy = policyAt(arrived);
        HolderResponse response = new HolderResponse("link-" + link.jti(), link.offerId(), policy.holder(), answer, arrived,
                link.revision());
        try {
            Decision decision = decisions.decide(response);
            OfferRecord after = store.load(link.offerId()).orElse(record);
            String said = decision.duplicate() ? "Already answered: " + answer.name() + " is on record, and the decision stands."
                    : decision.late() ? "Recorded at " + Formats.utc(arrived) + ", after the deadline: the answer has no effect."
                    : "Recorded at " + Formats.utc(arrived) + ".";
            LOG.infof("holder answered %s on link %s for offer %s at %s: %s (%s)%s", answer, link.jti(), link.offerId(), arrived,
                    decision.status(), decision.rule(), decision.duplicate() ? ", already on record" : "");
            return page(200, view(AnswerView.Step.ANSWERED, link, after, arrived, answer, request, said));
        } catch (InvalidMessageException e) {
            LOG.warnf("answer on link %s for offer %s refused (409): %s", link.jti(), link.offerId(), e.getMessage());
            String said = "revision".equals(e.field()) ? termsChanged(record)
                    : "Nothing was recorded: " + Formats.readable(e.getMessage()) + ".";
            return page(409, view(AnswerView.Step.CLOSED, link, record, arrived, null, request, said));
        }
    }

    /** Why the link asks nothing any more: the offer was decided, or a later revision opened a new window. */
    private Optional<String> closedBecause(LinkToken.Valid link, OfferRecord record) {
        Decision decision = record.state().decision();
        Window window = record.state().window();
        if (window != null && window.revision() != link.revision() && decision.status().isOutstanding()) {
            return Optional.of(termsChanged(record));
        }
        if (!decision.status().isOutstanding()) {
            return Optional.of("This offer is decided: " + Labels.label(decision.status()) + ", "
                    + Labels.label(decision.rule()) + ", at " + Formats.utc(decision.decidedAt()) + ". Nothing is left to answer.");
        }
        return Optional.empty();
    }

    private static String termsChanged(OfferRecord record) {
        Window window = record.state().window();
        return "The terms changed: revision " + (window == null ? record.state().offer().revision() : window.revision())
                + " of this offer opened a new window, and a new notice with its own link was sent. Nothing was recorded on"
                + " this link.";
    }

    private AnswerView view(AnswerView.Step step, LinkToken.Valid link, OfferRecord record, Instant now, Answer answer,
            PageRequest request, String message) {
        CapacityOffer terms = record.history().stream().map(HistoryEntry::offer)
                .filter(o -> o.revision() == link.revision()).findFirst().orElse(record.state().offer());
        Decision decision = record.state().decision();
        Instant deadline = decision.status().isOutstanding() ? decision.firstRefusalDeadline() : null;
        Duration left = deadline == null ? null : Duration.between(now, deadline);
        Policy policy = policyAt(now);
        String provider = policy.provider(terms.provider()).map(Provider::name).orElse(terms.provider());
        return new AnswerView(step, policy.holderName(), provider, terms, deadline, left, decision, answer,
                csrf.orElseThrow().tokenFor(link.jti()), request.path(), message);
    }

    private Policy policyAt(Instant at) {
        return agreement.policyAt(at);
    }

    private PageResponse page(int status, AnswerView view) {
        return new PageResponse(status, HTML, Templates.holderAnswer(style.css(), view).render(), headers);
    }

    /** No offer's data: the link did not verify, or has expired. */
    private PageResponse refused(int status, String said, String why) {
        LOG.warnf("answer link refused (%d): %s", status, why);
        AnswerView view = new AnswerView(AnswerView.Step.CLOSED, null, null, null, null, null, null, null, null, null, said);
        return new PageResponse(status, HTML, Templates.holderAnswer(style.css(), view).render(), headers);
    }

    private static Optional<Answer> answer(String value) {
        return switch (value) {
            case "MATCH" -> Optional.of(Answer.MATCH);
            case "DECLINE" -> Optional.of(Answer.DECLINE);
            default -> Optional.empty();
        };
    }
}
