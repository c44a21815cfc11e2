package firstrefusal.page;

import firstrefusal.offer.Status;
import firstrefusal.offer.Rule;
import firstrefusal.policy.Agreement;
import firstrefusal.policy.Amendment;
import firstrefusal.policy.InvalidPolicyException;
import firstrefusal.policy.ShippedAmendments;
import firstrefusal.policy.Policy;
import firstrefusal.policy.PolicyDraft;
import firstrefusal.whatif.WhatIf;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /what-if}: the draft read from the query string (the policy's scalar keys, {@code exception=} repeated or
 * comma-separated, {@code from}/{@code to} on first receipt, {@code asOf}), and the report of its replay, in words.
 */
record WhatIfView(Map<String, String> overrides, List<String> exceptions, Optional<Amendment> amendment, Optional<Instant> from,
        Optional<Instant> to, Instant asOf, Agreement draft, Map<String, String> current, List<String> amendments, WhatIf.Report report) {

    static final String AMENDMENT = "amendment";
    static final String AMENDMENT_FROM = "amendment-effective-from";
    private static final Set<String> NOT_POLICY = Set.of("from", "to", "asOf", PolicyDraft.EXCEPTION, AMENDMENT, AMENDMENT_FROM);

    /**
     * The draft a request asks for, validated: the agreement in force with the scalar terms given changed in the base and
     * in every amendment, the exceptions added, and the amendment named (shipped, switched on or not, or written in the
     * configuration) taking effect at its instant or at {@code amendment-effective-from}. The report is filled in by
     * {@link #withReport}.
     */
    static WhatIfView read(Map<String, String> query, Agreement agreement, Instant now) {
        Policy policy = agreement.latest();
        Map<String, String> overrides = new LinkedHashMap<>();
        query.forEach((key, value) -> {
            if (!NOT_POLICY.contains(key) && !value.isBlank()) {
                overrides.put(key, value.trim());
            }
        });
        List<String> exceptions = DecisionFilters.param(query, PolicyDraft.EXCEPTION)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList()).orElse(List.of());
        Optional<Amendment> amendment = amendment(query, agreement);
        Agreement draft;
        try {
            PolicyDraft.apply(policy, overrides, exceptions); // validates the draft keys against the terms in force
            draft = agreement.draft(p -> PolicyDraft.apply(p, overrides, exceptions), amendment);
        } catch (InvalidPolicyException e) {
            throw e.key().endsWith("effective-from") ? new BadRequest(AMENDMENT_FROM, e.problem()) : new BadRequest(e.key(), e.problem());
        }
        Instant asOf;
        try {
            asOf = DecisionFilters.param(query, "asOf").map(Instant::parse).orElse(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequest("asOf", "must be an ISO-8601 UTC instant such as 2026-12-01T00:00:00Z");
        }
        Optional<Instant> from = DecisionFilters.param(query, "from").map(v -> DecisionFilters.instant("from", v, false));
        Optional<Instant> to = DecisionFilters.param(query, "to").map(v -> DecisionFilters.instant("to", v, true));
        Map<String, String> current = new LinkedHashMap<>();
        current.put("first-refusal-window", policy.firstRefusalWindow().toString());
        current.put("agi-declared-at", policy.agiDeclaredAt().map(Instant::toString).orElse("not declared"));
        current.put("term-ends", policy.termEnds().toString());
        current.put("clock-grace", policy.clockGrace().toString());
        current.put("material-change.price-drop-percent", policy.priceDropPercent().toPlainString());
        current.put("material-change.capacity-increase-percent", policy.capacityIncreasePercent().toPlainString());
        List<String> amendments = new java.util.ArrayList<>(ShippedAmendments.names());
        agreement.amendments().stream().map(Amendment::version).filter(v -> !amendments.contains(v)).forEach(amendments::add);
        return new WhatIfView(overrides, exceptions, amendment, from, to, asOf, draft, current, amendments, null);
    }

    /** {@code amendment=} and {@code amendment-effective-from=}: the amendment the draft adds or moves, if any. */
    private static Optional<Amendment> amendment(Map<String, String> query, Agreement agreement) {
        Optional<String> name = DecisionFilters.param(query, AMENDMENT);
        Optional<String> at = DecisionFilters.param(query, AMENDMENT_FROM);
        if (name.isEmpty()) {
            if (at.isPresent()) {
                throw new BadRequest(AMENDMENT_FROM, "needs amendment=<version>, the amendment to move");
            }
            return Optional.empty();
        }
        Amendment found = agreement.amendments().stream().filter(a -> a.version().equals(name.get())).findFirst()
                .or(() -> ShippedAmendments.named(name.get(), agreement.base()))
                .orElseThrow(() -> new BadRequest(AMENDMENT, "'" + DecisionFilters.shorten(name.get()) + "' is not an amendment; one of "
                        + ShippedAmendments.names()));
        if (at.isEmpty()) {
            return Optional.of(found);
        }
        return Optional.of(found.at(DecisionFilters.instant(AMENDMENT_FROM, at.get(), false)));
    }

    WhatIfView withReport(WhatIf.Report report) {
        return new WhatIfView(overrides, exceptions, amendment, from, to, asOf, draft, current, amendments, report);
    }

    public String providerName(String id) {
        return draft.latest().provider(id).map(firstrefusal.policy.Provider::name).orElse(id);
    }

    /** A date for the sample link: fifteen days before the replay's clock, inside the span of the demo's offers. */
    public String sampleAmendmentDate() {
        return asOf.minus(java.time.Duration.ofDays(15)).toString().substring(0, 10);
    }

    public String amendmentName() {
        return amendment.map(Amendment::version).orElse("");
    }

    public String amendmentFrom() {
        return amendment.map(a -> a.effectiveFrom().toString().substring(0, 10)).orElse("");
    }

    /** Offers the holder was asked about as recorded, and would not have been under the draft: no first refusal at all. */
    public long notAsked() {
        return report.changes().stream().filter(c -> c.draft().rule() == Rule.NO_FIRST_REFUSAL || c.draft().rule() == Rule.API_CUSTOMER_EXEMPT)
                .count();
    }

    /** Offers the draft's amendment would have released while they awaited the holder. */
    public long released() {
        return report.changes().stream().filter(c -> c.draft().rule() == Rule.RELEASED_BY_AMENDMENT).count();
    }

    public List<String> keys() {
        return PolicyDraft.KEYS;
    }

    public String value(String key) {
        return overrides.getOrDefault(key, "");
    }

    public String exceptionList() {
        return String.join(",", exceptions);
    }

    public String fromDate() {
        return from.map(i -> i.toString().substring(0, 10)).orElse("");
    }

    public String toDate() {
        return to.map(i -> i.toString().substring(0, 10)).orElse("");
    }

    public boolean isDraft() {
        return !overrides.isEmpty() || !exceptions.isEmpty() || amendment.isPresent();
    }

    /** GPUs the holder would have matched under the draft, less those it matched in the record. */
    public long matchedGpusDelta() {
        return report.changes().stream().mapToLong(c -> (c.draft().status() == Status.MATCHED_BY_HOLDER ? c.gpus() : 0)
                - (c.recorded().status() == Status.MATCHED_BY_HOLDER ? c.gpus() : 0)).sum();
    }

    public long matchedGpusDeltaAbs() {
        return Math.abs(matchedGpusDelta());
    }
}
