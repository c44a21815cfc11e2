package firstrefusal.page;

import firstrefusal.offer.Decision;
import firstrefusal.offer.DecisionPage;
import firstrefusal.offer.DecisionQuery;
import firstrefusal.offer.HistoryEntry;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.OfferStore;
import firstrefusal.offer.AgreementLedger;
import firstrefusal.offer.Fold;
import firstrefusal.policy.Agreement;
import firstrefusal.policy.Policy;
import firstrefusal.whatif.WhatIf;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The status page and its routes (src/docs/contract.md, "Functions"), independent of how the request arrived: the
 * {@code status-page} Lambda function and the dev server both call {@link #handle}.
 *
 * <pre>
 * GET /                  outstanding offers, the soonest due first and by provider, a deadline timeline, recent
 *                        decisions (HTML; ?asOf= shows another instant, a past one as the record shows it then;
 *                        ?provider= shows one provider)
 * GET /api/outstanding   the same as JSON
 * GET /offers/{offerId}  one offer and its decision history (HTML, or JSON for Accept: application/json)
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
public class StatusPage {

    private static final Logger LOG = Logger.getLogger(StatusPage.class);
    private static final Pattern OFFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv; charset=utf-8";
    /** A Lambda response holds at most 6 MB; the CSV stops well before, asking for a narrower range. */
    static final int MAX_CSV_CHARS = 5_000_000;
    private static final int CSV_PAGE = 1_000;

    private final OfferStore store;
    private final AgreementLedger ledger;
    private final Agreement agreement;
    private final Policy policy;
    private final Fold fold;
    private final Clock clock;
    private final StatusPageConfig config;
    private final Cursors cursors;
    private final String css;
    private final Map<String, String> securityHeaders;

    public StatusPage(OfferStore store, AgreementLedger ledger, Agreement agreement, Clock clock, StatusPageConfig config) {
        this.store = store;
        this.ledger = ledger;
        this.agreement = agreement;
        this.policy = agreement.latest();
        this.fold = new Fold(agreement, Fold.Mode.RECORD);
        this.clock = clock;
        this.config = config;
        this.cursors = new Cursors(sha256Bytes(config.cursorKey().orElseThrow(() -> new IllegalStateException(
                "status-page.cursor-key (STATUS_PAGE_CURSOR_KEY) is not set: it signs the decision record's next cursors,"
                        + " and the page does not start without one (the template generates it)"))));
        this.css = resource("/page/status.css");
        // The one inline stylesheet is allowed by its hash: no script, no other source, no framing.
        this.securityHeaders = Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src '" + sha256(css) + "'; img-src 'self' data:; "
                        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "X-Frame-Options", "DENY",
                "Cache-Control", "no-store");
    }

    /** Answers every request; a failure inside becomes a plain 500 (logged), never a broken connection. */
    public PageResponse handle(PageRequest request) {
        try {
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
            case "/" -> request.wantsJson() ? respond(200, JSON, PageJson.board(board(request))) : statusPage(request);
            case "/api/outstanding" -> respond(200, JSON, PageJson.board(board(request)));
            case "/decisions" -> html(200, Templates.decisions(frame(request, "", 0), decisionList(request)));
            case "/api/decisions" -> respond(200, JSON, decisionsJson(request));
            case "/decisions.csv" -> csv(request);
            case "/what-if" -> html(200, Templates.whatIf(frame(request, "", 0), whatIf(request)));
            case "/agreement" -> request.wantsJson() ? respond(200, JSON, PageJson.agreement(agreementView()))
                    : html(200, Templates.agreement(frame(request, "", 0), agreementView()));
            case "/api/agreement" -> respond(200, JSON, PageJson.agreement(agreementView()));
            case "/api/what-if" -> respond(200, JSON, PageJson.whatIf(whatIf(request)));
            default -> problem(404, request, "Not found", "There is no page at this address.");
        };
    }

    private PageResponse offer(String rawId, PageRequest request) {
        Optional<OfferRecord> record = decode(rawId).filter(id -> OFFER_ID.matcher(id).matches()).flatMap(store::load);
        if (record.isEmpty()) {
            return problem(404, request, "Offer not found", "No offer with this id is on record.");
        }
        if (request.wantsJson()) {
            return respond(200, JSON, PageJson.offer(record.get(), fold.of(record.get()).withoutEffect()));
        }
        Instant now = clock.instant();
        return html(200, Templates.offer(frame(request, "../", 0), OfferView.of(record.get(), policy, fold, asOf(request, now), now)));
    }

    private PageResponse statusPage(PageRequest request) {
        Board board = board(request);
        return html(200, Templates.status(frame(request, "", config.refreshSeconds()), board, Chart.of(board),
                Timeline.of(board.rows(), board.asOf(), config.timelineRows())));
    }

    /**
     * The board as of {@code ?asOf=} (default now). For a past instant it is reconstructed: each offer first received in
     * the lookback before it, folded from what had taken effect by then, and the decisions recorded up to then. One
     * provider alone ({@code ?provider=}) lists up to {@code rows-per-provider-alone} rows; the overview fewer.
     */
    private Board board(PageRequest request) {
        Instant now = clock.instant();
        Instant asOf = asOf(request, now);
        Optional<String> provider = DecisionFilters.provider(request.query(), policy);
        boolean past = asOf.isBefore(now);
        List<Board.Pending> all = past ? pendingAt(asOf) : store.outstanding().stream().map(Board.Pending::of).toList();
        List<Board.Pending> pending = provider.map(p -> all.stream().filter(o -> o.offer().provider().equals(p)).toList()).orElse(all);
        DecisionQuery recentQuery = new DecisionQuery(provider, Optional.empty(), Optional.empty(), Optional.empty(),
                past ? Optional.of(asOf) : Optional.empty());
        List<Decision> recent = store.decisions(recentQuery, Optional.empty(), config.recentDecisions(), config.maxReadsPerPage())
                .entries().stream().map(HistoryEntry::decision).toList();
        int rows = provider.isEmpty() ? config.rowsPerProvider() : config.rowsPerProviderAlone();
        return Board.of(pending, recent, policy, fold, asOf, now, past, config.asOfLookback(),
                new Board.Layout(rows, config.dueWithin(), config.dueSoonRows()));
    }

    /** The offers awaiting the holder at a past instant, as their records show them then. */
    private List<Board.Pending> pendingAt(Instant asOf) {
        List<Board.Pending> pending = new java.util.ArrayList<>();
        boolean whole = store.forEachOfferReceived(Optional.of(asOf.minus(config.asOfLookback())), Optional.of(asOf),
                config.maxReplayOffers(), record -> {
                    Fold.Folded then = fold.at(record, asOf);
                    if (then.decision() != null && then.decision().status().isOutstanding()) {
                        pending.add(new Board.Pending(then.offer(), then.decision(), then.window(), Optional.empty()));
                    }
                });
        if (!whole) {
            throw new BadRequest("asOf", "more than " + Formats.thousands(config.maxReplayOffers()) + " offers were received in the "
                    + Formats.words(config.asOfLookback()) + " before it, more than one page may rebuild; the decision record "
                    + "(/decisions with from and to) shows that stretch");
        }
        return pending;
    }

    private static Instant asOf(PageRequest request, Instant now) {
        return Inputs.param(request.query(), "asOf").map(v -> Inputs.instant("asOf", v, false)).orElse(now);
    }

    private DecisionList decisionList(PageRequest request) {
        DecisionQuery query = DecisionFilters.read(request.query(), policy);
        DecisionPage page = page(query, request, config.decisionsPerPage());
        return DecisionList.of(query, page, page.next().map(p -> cursors.issue(query, p)).orElse(null), policy);
    }

    private String decisionsJson(PageRequest request) {
        DecisionQuery query = DecisionFilters.read(request.query(), policy);
        DecisionPage page = page(query, request, config.decisionsPerPage());
        return PageJson.decisions(page.entries(), page.next().map(p -> cursors.issue(query, p)).orElse(null));
    }

    private DecisionPage page(DecisionQuery query, PageRequest request, int size) {
        Optional<String> after = Optional.ofNullable(request.query().get("next")).filter(c -> !c.isBlank())
                .map(cursor -> cursors.open(query, cursor));
        try {
            return store.decisions(query, after, size, config.maxReadsPerPage());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("next", "is not a cursor this page gave out; start again from the first page");
        }
    }

    /** Reads only the offers first received in the range, one at a time, through the replay index. */
    private WhatIfView whatIf(PageRequest request) {
        WhatIfView view = WhatIfView.read(request.query(), agreement, clock.instant());
        WhatIf replay = new WhatIf(agreement, view.draft(), view.asOf());
        if (!store.forEachOfferReceived(view.from(), view.to(), config.maxReplayOffers(), replay::add)) {
            throw new BadRequest(view.from().isPresent() ? "to" : "from", "more than " + Formats.thousands(config.maxReplayOffers())
                    + " offers were first received in this range, more than one replay reads; narrow it with from and to"
                    + " (a quarter at a time, say)");
        }
        return view.withReport(replay.report());
    }

    /** Every page of the record for these filters, as one CSV; a download too large for Lambda asks for a narrower range. */
    private PageResponse csv(PageRequest request) {
        DecisionQuery query = DecisionFilters.read(request.query(), policy);
        try (DecisionCsv csv = new DecisionCsv()) {
            Optional<String> after = Optional.empty();
            int rows = 0;
            int reads = 0;
            do {
                // Never more than one row past the bound: enough to know the export would exceed it.
                int want = Math.min(CSV_PAGE, config.maxCsvRows() - rows + 1);
                DecisionPage page = store.decisions(query, after, want, config.maxCsvReads() - reads);
                reads += page.reads();
                rows += page.entries().size();
                after = page.next();
                if (rows > config.maxCsvRows() || after.isPresent() && reads >= config.maxCsvReads()) {
                    throw new BadRequest(query.from().isPresent() ? "to" : "from", "more decisions match than one export "
                            + "sends (at most " + Formats.thousands(config.maxCsvRows()) + " rows, read in at most "
                            + Formats.thousands(config.maxCsvReads()) + " requests); narrow it with from and to (a quarter at a"
                            + " time, say) or with a filter");
                }
                page.entries().forEach(csv::add);
                if (csv.length() > MAX_CSV_CHARS) {
                    return problem(413, request, "Too large", "The export would be larger than the page can send at once;"
                            + " narrow it with from and to (for example one quarter at a time).");
                }
            } while (after.isPresent());
            Map<String, String> headers = new java.util.HashMap<>(securityHeaders);
            headers.put("Content-Disposition", "attachment; filename=\"decisions.csv\"");
            return new PageResponse(200, CSV, csv.text(), headers);
        }
    }

    private AgreementView agreementView() {
        return AgreementView.of(agreement, ledger, clock.instant());
    }

    private Frame frame(PageRequest request, String base, int refreshSeconds) {
        return new Frame(css, base, refreshSeconds, agreement.versionAt(clock.instant()).name(), policy.holderName(), request.user());
    }

    private PageResponse problem(int status, PageRequest request, String title, String detail) {
        if (request.wantsJson() || request.path().startsWith("/api/")) {
            return respond(status, JSON, PageJson.problem(status, detail));
        }
        String base = request.path().startsWith("/offers/") ? "../" : "";
        return html(status, Templates.problem(frame(request, base, 0), status, title, detail));
    }

    private PageResponse html(int status, TemplateInstance page) {
        return respond(status, HTML, page.render());
    }

    private PageResponse respond(int status, String contentType, String body) {
        return new PageResponse(status, contentType, body, securityHeaders);
    }

    /** A path segment, percent-decoded; a malformed one is simply not an offer id. */
    private static Optional<String> decode(String segment) {
        try {
            return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String resource(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        return "sha256-" + Base64.getEncoder().encodeToString(sha256Bytes(text));
    }

    private static byte[] sha256Bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
