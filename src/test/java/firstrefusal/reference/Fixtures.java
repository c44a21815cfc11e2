package firstrefusal.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The default agreement of 2025-01-21, the revision of 2025-10-28, and messages to drive the model with. */
final class Fixtures {
    static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant AMENDED = Instant.parse("2025-10-28T00:00:00Z");

    private Fixtures() {}

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static TermsBuilder base() {
        Map<String, Provider> providers = Map.of(
                "azure", new Provider("azure", "Microsoft Azure", Kind.HOLDER),
                "oracle", new Provider("oracle", "Oracle Cloud Infrastructure", Kind.THIRD_PARTY),
                "softbank", new Provider("softbank", "SoftBank", Kind.THIRD_PARTY),
                "coreweave", new Provider("coreweave", "CoreWeave", Kind.THIRD_PARTY),
                "google", new Provider("google", "Google Cloud", Kind.THIRD_PARTY),
                "stargate", new Provider("stargate", "Stargate", Kind.SELF_BUILD));
        return new TermsBuilder(new Terms("2025-01-21", "azure", LocalDate.parse("2030-12-31"), Duration.ofDays(14),
                BigDecimal.valueOf(5), BigDecimal.valueOf(10), null, Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofHours(1), true, true, Set.of(), providers,
                Map.of("oracle-2024-06", new Exception_("oracle-2024-06", "oracle", Set.of("oci-openai-2024-06"))), null));
    }

    /** The shipped revision of 2025-10-28 on top of {@code previous}. */
    static Version revision20251028(Terms previous) {
        Terms t = new TermsBuilder(previous).version("2025-10-28").firstRefusal(false)
                .apiExemptCustomers(Set.of("us-national-security")).termEnds("2032-12-31").build();
        return new Version(t, AMENDED, true);
    }

    static Version amendment(Terms terms, String effectiveFrom, boolean releasesPending) {
        return new Version(terms, at(effectiveFrom), releasesPending);
    }

    static Agreement agreement(Terms base, Version... amendments) {
        List<Version> versions = new java.util.ArrayList<>(List.of(new Version(base, null, false)));
        versions.addAll(List.of(amendments));
        return new Agreement(versions);
    }

    static ReferenceModel model(Agreement agreement) {
        return new ReferenceModel(List.of(new Deployment(EPOCH, agreement)));
    }

    static ReferenceModel model(Terms base) {
        return model(agreement(base));
    }

    static OfferBuilder offer(String offerId, String receivedAt) {
        return new OfferBuilder(offerId, at(receivedAt));
    }

    static Input.Answer match(String responseId, String offerId, String respondedAt) {
        return new Input.Answer(responseId, offerId, "azure", "MATCH", at(respondedAt), null, null, null);
    }

    static Input.Answer decline(String responseId, String offerId, String respondedAt) {
        return new Input.Answer(responseId, offerId, "azure", "DECLINE", at(respondedAt), null, null, null);
    }

    static Input.Withdrawal withdrawal(String offerId, String withdrawnAt) {
        return new Input.Withdrawal(offerId, at(withdrawnAt), null);
    }

    static Input.Notice notice(String offerId, int revision, String sentAt) {
        return new Input.Notice(offerId, revision, at(sentAt));
    }

    static Input.Tick tick(String now) {
        return new Input.Tick(at(now));
    }

    /** Processes {@code input} as the product would at wall-clock {@code recordedAt}. */
    static Result send(ReferenceModel model, String recordedAt, Input input) {
        return model.process(input, at(recordedAt));
    }

    static Result send(ReferenceModel model, String recordedAt, OfferBuilder offer) {
        return model.process(offer.build(), at(recordedAt));
    }

    /** The decision an answer carries, as (status, rule, decidedAt) for short assertions. */
    static String said(Result result) {
        return switch (result) {
            case Result.Answered a -> a.status() + " " + a.rule() + " " + a.decidedAt()
                    + (a.duplicate() ? " duplicate" : "") + (a.late() ? " late" : "");
            case Result.Refused r -> "refused " + r.field();
            case Result.TickDone t -> "tick " + t;
        };
    }

    /** An offer's history as (status, rule, decidedAt[, corrects n]) lines. */
    static List<String> story(ReferenceModel model, String offerId) {
        return model.history(offerId).stream()
                .map(e -> e.status() + " " + e.rule() + " " + e.decidedAt() + (e.corrects() == null ? "" : " corrects " + e.corrects()))
                .toList();
    }

    static final class TermsBuilder {
        private String version, holder, holderAccount;
        private LocalDate termEnds;
        private Duration window, clockGrace, clockSkew, noticeGrace;
        private BigDecimal priceDrop, capacityIncrease;
        private Instant agi;
        private boolean lapseRequiresNotice, firstRefusal;
        private Set<String> apiExemptCustomers;
        private Map<String, Provider> providers;
        private Map<String, Exception_> exceptions;

        TermsBuilder(Terms t) {
            version = t.version(); holder = t.holder(); termEnds = t.termEnds(); window = t.window();
            priceDrop = t.priceDropPercent(); capacityIncrease = t.capacityIncreasePercent(); agi = t.agiDeclaredAt();
            clockGrace = t.clockGrace(); clockSkew = t.clockSkew(); noticeGrace = t.noticeGrace();
            lapseRequiresNotice = t.lapseRequiresNotice(); firstRefusal = t.firstRefusal();
            apiExemptCustomers = t.apiExemptCustomers(); providers = t.providers(); exceptions = t.exceptions();
            holderAccount = t.holderAccount();
        }

        TermsBuilder version(String v) { version = v; return this; }
        TermsBuilder termEnds(String date) { termEnds = LocalDate.parse(date); return this; }
        TermsBuilder window(Duration d) { window = d; return this; }
        TermsBuilder agi(String instant) { agi = at(instant); return this; }
        TermsBuilder clockGrace(Duration d) { clockGrace = d; return this; }
        TermsBuilder lapseRequiresNotice(boolean b) { lapseRequiresNotice = b; return this; }
        TermsBuilder firstRefusal(boolean b) { firstRefusal = b; return this; }
        TermsBuilder apiExemptCustomers(Set<String> s) { apiExemptCustomers = s; return this; }
        TermsBuilder holderAccount(String a) { holderAccount = a; return this; }

        Terms build() {
            return new Terms(version, holder, termEnds, window, priceDrop, capacityIncrease, agi, clockGrace, clockSkew,
                    noticeGrace, lapseRequiresNotice, firstRefusal, apiExemptCustomers, providers, exceptions,
                    holderAccount);
        }
    }

    /** A third-party training offer of 64,000 GPUs at 2.10 per GPU-hour unless told otherwise. */
    static final class OfferBuilder {
        private final String offerId;
        private final Instant receivedAt;
        private int revision = 1, gpus = 64_000;
        private String provider = "oracle", workload = "TRAINING", customer;
        private LocalDate startDate = LocalDate.parse("2027-03-01");
        private BigDecimal price = new BigDecimal("2.10");
        private Instant validUntil, arrival;

        OfferBuilder(String offerId, Instant receivedAt) { this.offerId = offerId; this.receivedAt = receivedAt; }

        OfferBuilder revision(int r) { revision = r; return this; }
        OfferBuilder provider(String p) { provider = p; return this; }
        OfferBuilder gpus(int g) { gpus = g; return this; }
        OfferBuilder workload(String w) { workload = w; return this; }
        OfferBuilder customer(String c) { customer = c; return this; }
        OfferBuilder startDate(String d) { startDate = LocalDate.parse(d); return this; }
        OfferBuilder price(String p) { price = new BigDecimal(p); return this; }
        OfferBuilder validUntil(String v) { validUntil = at(v); return this; }
        OfferBuilder arrival(String a) { arrival = at(a); return this; }

        Input.Offer build() {
            return new Input.Offer(offerId, revision, provider, gpus, 200, "us-tx-abilene", workload, startDate, 48, price,
                    validUntil, receivedAt, customer, arrival);
        }
    }
}
