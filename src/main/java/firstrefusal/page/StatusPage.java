package firstrefusal.page;

import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.OfferState;
import firstrefusal.offer.OfferStore;
import firstrefusal.policy.Policy;
import firstrefusal.policy.Provider;
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
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The status page (src/docs/contract.md, "Functions") and its routes, independent of how the request arrived: the
 * {@code status-page} Lambda function and the dev server both call {@link #handle}.
 *
 * <pre>
 * GET /                  outstanding offers by provider (HTML; ?asOf= sets "now", ?provider= shows one)
 * GET /api/outstanding   the same as JSON
 * GET /offers/{offerId}  one offer and its decision history (HTML, or JSON for Accept: application/json)
 * </pre>
 */
@Singleton // not @ApplicationScoped: Quarkus 3.34 fails to inject a @ConfigMapping into a lazily proxied bean
public class StatusPage {

    private static final Logger LOG = Logger.getLogger(StatusPage.class);
    private static final Pattern OFFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    private final OfferStore store;
    private final Policy policy;
    private final Clock clock;
    private final StatusPageConfig config;
    private final String css;
    private final Map<String, String> securityHeaders;

    public StatusPage(OfferStore store, Policy policy, Clock clock, StatusPageConfig config) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.config = config;
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
        } catch (RuntimeException e) {
            LOG.errorf(e, "Status page failed on %s %s", request.method(), request.path());
            return respond(500, "text/plain; charset=utf-8", "The status page failed; the error is logged.\n");
        }
    }

    private PageResponse route(PageRequest request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return respond(405, "text/plain; charset=utf-8", "Only GET and HEAD are supported\n");
        }
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        if (path.startsWith("/offers/")) {
            return offer(path.substring("/offers/".length()), request);
        }
        Instant asOf;
        try {
            asOf = Optional.ofNullable(request.query().get("asOf")).map(Instant::parse).orElseGet(clock::instant);
        } catch (DateTimeParseException e) {
            return problem(400, request, "/", "Bad request",
                    "asOf: must be an ISO-8601 UTC instant such as 2025-01-21T15:00:00Z");
        }
        String provider = request.query().get("provider");
        if (provider != null && policy.provider(provider).isEmpty()) {
            return problem(400, request, "/", "Bad request", "provider: not a provider of the policy");
        }
        return switch (path) {
            case "/" -> request.wantsJson() ? respond(200, JSON, PageJson.board(board(asOf, provider)))
                    : statusPage(board(asOf, provider));
            case "/api/outstanding" -> respond(200, JSON, PageJson.board(board(asOf, provider)));
            default -> problem(404, request, "/", "Not found", "There is no page at this address.");
        };
    }

    private PageResponse offer(String rawId, PageRequest request) {
        Optional<OfferRecord> record = decode(rawId).filter(id -> OFFER_ID.matcher(id).matches()).flatMap(store::load);
        if (record.isEmpty()) {
            return problem(404, request, "../", "Offer not found", "No offer with this id is on record.");
        }
        if (request.wantsJson()) {
            return respond(200, JSON, PageJson.offer(record.get()));
        }
        String provider = policy.provider(record.get().state().offer().provider()).map(Provider::name)
                .orElse(record.get().state().offer().provider());
        return html(200, Templates.offer(frame("../", 0), record.get(), provider));
    }

    private PageResponse statusPage(Board board) {
        return html(200, Templates.status(frame("", config.refreshSeconds()), board, Chart.of(board)));
    }

    /** One provider alone (?provider=) lists up to {@code rows-per-provider-alone} rows; the overview fewer. */
    private Board board(Instant asOf, String provider) {
        List<OfferState> outstanding = store.outstanding();
        if (provider != null) {
            outstanding = outstanding.stream().filter(s -> s.offer().provider().equals(provider)).toList();
        }
        int rowLimit = provider == null ? config.rowsPerProvider() : config.rowsPerProviderAlone();
        return Board.of(outstanding, store.recentDecisions(config.recentDecisions()), policy, asOf, rowLimit);
    }

    private Frame frame(String base, int refreshSeconds) {
        return new Frame(css, base, refreshSeconds, policy.version(), policy.provider(policy.holder()).orElseThrow().name());
    }

    private PageResponse problem(int status, PageRequest request, String base, String title, String detail) {
        if (request.wantsJson()) {
            return respond(status, JSON, PageJson.problem(status, detail));
        }
        return html(status, Templates.problem(frame(base, 0), status, title, detail));
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
