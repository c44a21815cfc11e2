package firstrefusal.page;

import firstrefusal.offer.Status;
import firstrefusal.policy.InvalidPolicyException;
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
record WhatIfView(Map<String, String> overrides, List<String> exceptions, Optional<Instant> from, Optional<Instant> to,
        Instant asOf, Policy draft, Map<String, String> current, WhatIf.Report report) {

    private static final Set<String> NOT_POLICY = Set.of("from", "to", "asOf", PolicyDraft.EXCEPTION);

    /** The draft a request asks for, validated; the report is filled in by {@link #withReport}. */
    static WhatIfView read(Map<String, String> query, Policy policy, Instant now) {
        Map<String, String> overrides = new LinkedHashMap<>();
        query.forEach((key, value) -> {
            if (!NOT_POLICY.contains(key) && !value.isBlank()) {
                overrides.put(key, value.trim());
            }
        });
        List<String> exceptions = DecisionFilters.param(query, PolicyDraft.EXCEPTION)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList()).orElse(List.of());
        Policy draft;
        try {
            draft = PolicyDraft.apply(policy, overrides, exceptions);
        } catch (InvalidPolicyException e) {
            throw new BadRequest(e.key(), e.problem());
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
        return new WhatIfView(overrides, exceptions, from, to, asOf, draft, current, null);
    }

    WhatIfView withReport(WhatIf.Report report) {
        return new WhatIfView(overrides, exceptions, from, to, asOf, draft, current, report);
    }

    public String providerName(String id) {
        return draft.provider(id).map(firstrefusal.policy.Provider::name).orElse(id);
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
        return !overrides.isEmpty() || !exceptions.isEmpty();
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
