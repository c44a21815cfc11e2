package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.answer.Answering;
import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.decisions.OfferStore;
import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.ledger.AgreementLedger;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.record.OfferProof;
import firstrefusal.domain.record.RecordProofs;
import firstrefusal.operations.Metrics;
import firstrefusal.wire.RecordJson;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The status page and its routes (src/docs/contract.md, "Functions"), independent of how the request arrived: the
 * {@code status-page} Lambda function and the dev server both call {@link #handle}.
 *
 * <pre>
 * GET /                  outstanding offers, the soonest due first and by provider, a deadline timeline, recent
 *                        decisions (HTML; ?asOf= shows another instant, a past one as the record shows it then;
 *                        ?provider= shows one provider)
 * GET /api/outstanding   the same as JSON
 * GET /offers/{offerId}  one offer and its decision history (HTML, or JSON for Accept: application/json), and
 *                        whether its record verifies
 * GET /offers/{offerId}/proof  the proof of its record (JSON): chain, head, digest, inclusion proof, the verdict
 * GET /api/digests       the record's digests, newest first (?next=)
 * GET|POST /answer/{token}  the holder's answer page of one link: the offer, and MATCH or DECLINE ({@link AnswerPage})
 * GET /decisions         every recorded decision, newest first, 50 a page (?provider= &status= &rule= &from= &to= &next=)
 * GET /api/decisions     the same as JSON
 * GET /decisions.csv     the same filters, every page, as CSV
 * GET /what-if           the record replayed under a draft agreement (HTML: a form and the result in words)
 * GET /api/what-if       the same as JSON
 * GET /agreement         the agreement over time: versions, what each changes, decisions per version, commitments
 * GET /api/agreement     the same as JSON
 * </pre>
 *
 * Errors are pages of their own, or JSON under {@code /api/} and for {@code Accept: application/json}.
 */
@Singleton // not @ApplicationScoped: Quarkus 3.34 fails to inject a @ConfigMapping into a lazily proxied bean
public class PageRoutes {

    /** Where the holder's answer pages are: the only paths the public answer alias serves. */
    public static final String ANSWER_PATHS = AnswerPage.PREFIX;

    private static final Logger LOG = Logger.getLogger(PageRoutes.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv; charset=utf-8";

    private final OfferStore store;
    private final AgreementLedger ledger;
    private final Deployments deployments;
    private final Agreement agreement;
    private final Policy policy;
    private final Fold fold;
    private final Clock clock;
    private final StatusPageConfig config;
    private final Stylesheet style;
    private final DecisionRecordReads decisionRecord;
    private final BoardReader boards;
    private final ProofReads proofs;
    private final AnswerPage answers;
    private final WhatIfReads whatIf;

    /** Under one agreement, deployed before anything was recorded, without metrics or answer links: for tests. */
    public PageRoutes(OfferStore store, AgreementLedger ledger, RecordProofs proofs, Agreement agreement, Clock clock,
            StatusPageConfig config) {
        this(store, ledger, proofs, Deployments.only(agreement), clock, config, new Metrics(false), null,
                Answering.OFF);
    }

    /**
     * @param decisions where the holder's answers on its page are recorded, as decide records any message
     * @param answering the answer links' keys; off, {@code /answer/} is a 404
     */
    @jakarta.inject.Inject
    public PageRoutes(OfferStore store, AgreementLedger ledger, RecordProofs proofs, Deployments deployments, Clock clock,
            StatusPageConfig config, Metrics metrics, DecisionService decisions, Answering answering) {
        this.store = store;
        this.proofs = new ProofReads(proofs, metrics);
        this.ledger = ledger;
        this.deployments = deployments;
        this.agreement = deployments.current();
        this.policy = agreement.latest();
        this.fold = new Fold(deployments, Fold.Mode.RECORD);
        this.clock = clock;
        this.config = config;
        Cursors cursors = new Cursors(Sha256.of(config.cursorKey().orElseThrow(() -> new IllegalStateException(
                "status-page.cursor-key (STATUS_PAGE_CURSOR_KEY) is not set: it signs the decision record's next cursors,"
                        + " and the page does not start without one (the template generates it)"))));
        this.style = Stylesheet.load();
        this.decisionRecord = new DecisionRecordReads(store, policy, config, cursors);
        this.boards = new BoardReader(store, policy, fold, clock, config);
        this.whatIf = new WhatIfReads(store, deployments, config);
        this.answers = new AnswerPage(store, decisions, agreement, answering, style);
    }

    /** Answers every request; a failure inside becomes a plain 500 (logged), never a broken connection. */
    public PageResponse handle(PageRequest request) {
        // When the request reached the product: what a holder's answer is stamped with.
        Instant arrived = clock.instant();
        try {
            if (request.path().startsWith(AnswerPage.PREFIX)) {
                return answers.handle(request, arrived);
            }
            return route(request);
        } catch (BadRequest e) {
            return problem(400, request, "Bad request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Status page failed on %s %s", request.method(), request.path());
            return respond(500, "text/plain; charset=utf-8", "The status page failed; the error is logged.\n");
        }
    }

    private PageResponse route(PageRequest request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return respond(405, "text/plain; charset=utf-8", "Only GET and HEAD are supported\n");
        }
        String path = request.path();
        if (path.startsWith("/offers/")) {
            return offer(path.substring("/offers/".length()), request);
        }
        return switch (path) {
            case "/" -> request.wantsJson() ? respond(200, JSON, PageJson.board(boards.read(request.query()))) : statusPage(request);
            case "/api/outstanding" -> respond(200, JSON, PageJson.board(boards.read(request.query())));
            case "/decisions" -> html(200, Templates.decisions(frame(request, ""), decisionRecord.list(request.query())));
            case "/api/decisions" -> respond(200, JSON, decisionRecord.json(request.query()));
            case "/decisions.csv" -> csv(request);
            case "/what-if" -> html(200, Templates.whatIf(frame(request, ""), whatIf.read(request.query(), clock.instant())));
            case "/agreement" -> request.wantsJson() ? respond(200, JSON, PageJson.agreement(agreementView()))
                    : html(200, Templates.agreement(frame(request, ""), agreementView()));
            case "/api/agreement" -> respond(200, JSON, PageJson.agreement(agreementView()));
            case "/api/what-if" -> respond(200, JSON, PageJson.whatIf(whatIf.read(request.query(), clock.instant())));
            case "/api/digests" -> respond(200, JSON, proofs.digestsJson(Inputs.param(request.query(), "next")));
            default -> problem(404, request, "Not found", "There is no page at this address.");
        };
    }

    private PageResponse offer(String rawPath, PageRequest request) {
        boolean proof = rawPath.endsWith("/proof");
        Optional<String> offerId = Inputs.pathSegment(proof ? rawPath.substring(0, rawPath.length() - "/proof".length()) : rawPath)
                .filter(OfferMessage::isOfferId);
        if (proof) {
            Optional<OfferProof> checked = offerId.flatMap(proofs::checked);
            return checked.isEmpty() ? problem(404, request, "Offer not found", "No offer with this id is on record.")
                    : respond(200, JSON, RecordJson.proof(checked.get()).toString());
        }
        Optional<OfferRecord> record = offerId.flatMap(store::load);
        if (record.isEmpty()) {
            return problem(404, request, "Offer not found", "No offer with this id is on record.");
        }
        if (request.wantsJson()) {
            return respond(200, JSON, PageJson.offer(record.get(), fold.of(record.get()).withoutEffect()));
        }
        Instant now = clock.instant();
        ProofLine line = proofs.checked(offerId.get()).map(ProofLine::of).orElseThrow();
        return html(200, Templates.offer(frame(request, "../"),
                OfferView.of(record.get(), policy, fold, Inputs.asOf(request.query(), now), now), line));
    }

    private PageResponse statusPage(PageRequest request) {
        Board board = boards.read(request.query());
        return html(200, Templates.status(frame(request, ""), board, Chart.of(board),
                Timeline.of(board.rows(), board.asOf(), config.timelineRows())));
    }

    /** Every page of the record for these filters, as one CSV; a download too large for Lambda asks for a narrower range. */
    private PageResponse csv(PageRequest request) {
        Optional<String> csv = decisionRecord.csv(request.query());
        if (csv.isEmpty()) {
            return problem(413, request, "Too large", "The export would be larger than the page can send at once;"
                    + " narrow it with from and to (for example one quarter at a time).");
        }
        Map<String, String> headers = new java.util.HashMap<>(style.securityHeaders());
        headers.put("Content-Disposition", "attachment; filename=\"decisions.csv\"");
        return new PageResponse(200, CSV, csv.get(), headers);
    }

    private AgreementView agreementView() {
        return AgreementView.of(deployments, ledger, clock.instant());
    }

    private Frame frame(PageRequest request, String base) {
        return new Frame(style.css(), base, agreement.versionAt(clock.instant()).name(), policy.holderName(), request.user());
    }

    private PageResponse problem(int status, PageRequest request, String title, String detail) {
        if (request.wantsJson() || request.path().startsWith("/api/")) {
            return respond(status, JSON, PageJson.problem(status, detail));
        }
        String base = request.path().startsWith("/offers/") ? "../" : "";
        return html(status, Templates.problem(frame(request, base), status, title, detail));
    }

    private PageResponse html(int status, TemplateInstance page) {
        return respond(status, HTML, page.render());
    }

    private PageResponse respond(int status, String contentType, String body) {
        return new PageResponse(status, contentType, body, style.securityHeaders());
    }
}
