package firstrefusal.page;

import firstrefusal.domain.RefusedValue;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.InvalidPolicyException;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PolicyDraft;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ShippedAmendments;
import firstrefusal.domain.policy.Term;
import firstrefusal.domain.policy.Terms;
import firstrefusal.domain.whatif.WhatIf;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /what-if}: the draft read from the query string (the policy's scalar keys, {@code exception=} repeated or
 * comma-separated, {@code from}/{@code to} on first receipt, {@code asOf}), and the report of its replay, in words.
 * The keys stay the contract's, for the URL; the form labels them in words and takes lengths of time in days and hours
 * and instants in the page's format, which are read into the contract's forms before the draft is validated.
 *
 * @param overrides the draft's terms in the contract's forms ({@code P7D}), as the JSON echoes them
 * @param typed     the draft's terms as typed, for the form and for error messages
 */
record WhatIfView(Map<String, String> overrides, Map<String, String> typed, List<String> exceptions, Optional<Amendment> amendment,
        Optional<Instant> from, Optional<Instant> to, Instant asOf, Agreement draft, Policy policy, List<String> amendments,
        WhatIf.Report report) {

    static final String AMENDMENT = "amendment";
    static final String AMENDMENT_FROM = "amendment-effective-from";
    private static final Set<String> NOT_POLICY = Set.of("from", "to", "asOf", PolicyDraft.EXCEPTION, AMENDMENT, AMENDMENT_FROM);

    /** A term a draft may change, as the form shows it: its key, its label, and the value in force as a hint. */
    record Field(String key, String label, String hint) {
    }

    /** Offers whose outcome moves the same way, with the rules on either side. */
    record Shift(Status fromStatus, Rule fromRule, Status toStatus, Rule toRule, int offers, long gpus, WhatIf.Change only) {
    }

    /**
     * The draft a request asks for, validated: the agreement in force with the scalar terms given changed in the base and
     * in every amendment, the exceptions added, and the amendment named (shipped, switched on or not, or written in the
     * configuration) taking effect at its instant or at {@code amendment-effective-from}. The report is filled in by
     * {@link #withReport}.
     */
    static WhatIfView read(Map<String, String> query, Agreement agreement, Instant now) {
        Policy policy = agreement.latest();
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        query.forEach((key, value) -> {
            if (!NOT_POLICY.contains(key) && !value.isBlank()) {
                typed.put(key, value.trim());
                overrides.put(key, contractForm(key, value.trim()));
            }
        });
        List<String> exceptions = Inputs.param(query, PolicyDraft.EXCEPTION)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList()).orElse(List.of());
        Optional<Amendment> amendment = amendment(query, agreement);
        Agreement draft;
        try {
            PolicyDraft.apply(policy, overrides, exceptions); // validates the draft keys against the terms in force
            draft = agreement.draft(p -> PolicyDraft.apply(p, overrides, exceptions), amendment);
        } catch (InvalidPolicyException e) {
            String key = e.key().endsWith("effective-from") ? AMENDMENT_FROM : e.key();
            throw new BadRequest(key, typed.containsKey(key) ? e.problemWithoutValue() + ", was " + RefusedValue.quoted(typed.get(key)) : e.problem());
        }
        Instant asOf = Inputs.asOf(query, now.truncatedTo(ChronoUnit.SECONDS));
        Optional<Instant> from = Inputs.param(query, "from").map(v -> Inputs.instant("from", v, false));
        Optional<Instant> to = Inputs.param(query, "to").map(v -> Inputs.instant("to", v, true));
        List<String> amendments = new ArrayList<>(ShippedAmendments.names());
        agreement.amendments().stream().map(Amendment::version).filter(v -> !amendments.contains(v)).forEach(amendments::add);
        return new WhatIfView(overrides, typed, exceptions, amendment, from, to, asOf, draft, policy, amendments, null);
    }

    /** A term as the contract writes it: a length of time as ISO 8601, an instant as ISO 8601; the rest as typed. */
    private static String contractForm(String key, String value) {
        Term.Kind<?> kind = Terms.drafted(key).map(Term::kind).orElse(null);
        if (kind == Term.Kind.DURATION) {
            return Inputs.duration(key, value).toString();
        }
        return kind == Term.Kind.INSTANT ? Inputs.instant(key, value, false).toString() : value;
    }

    /** {@code amendment=} and {@code amendment-effective-from=}: the amendment the draft adds or moves, if any. */
    private static Optional<Amendment> amendment(Map<String, String> query, Agreement agreement) {
        Optional<String> name = Inputs.param(query, AMENDMENT);
        Optional<String> at = Inputs.param(query, AMENDMENT_FROM);
        if (name.isEmpty()) {
            if (at.isPresent()) {
                throw new BadRequest(AMENDMENT_FROM, "needs amendment=<version>, the amendment to move");
            }
            return Optional.empty();
        }
        Amendment found = agreement.amendments().stream().filter(a -> a.version().equals(name.get())).findFirst()
                .or(() -> ShippedAmendments.named(name.get(), agreement.base()))
                .orElseThrow(() -> new BadRequest(AMENDMENT, RefusedValue.quoted(name.get()) + " is not an amendment; one of "
                        + ShippedAmendments.names()));
        return Optional.of(at.map(t -> found.at(Inputs.instant(AMENDMENT_FROM, t, false))).orElse(found));
    }

    /** The deployments on record as this draft has them: every deployment's agreement with the draft's changes. */
    Deployments draftOf(Deployments deployments) {
        return deployments.draft(p -> PolicyDraft.apply(p, overrides, exceptions), amendment);
    }

    WhatIfView withReport(WhatIf.Report report) {
        return new WhatIfView(overrides, typed, exceptions, amendment, from, to, asOf, draft, policy, amendments, report);
    }

    /** The terms a draft may change, in the form's order, each in words with the value in force as its hint. */
    public List<Field> terms() {
        return Terms.drafted().stream().map(t -> new Field(t.name(), t.label().orElseThrow(),
                policy.find(t).map(Formats::inWords).orElse(t.unsetWords()))).toList();
    }

    public String providerName(String id) {
        return draft.latest().provider(id).map(Provider::name).orElse(id);
    }

    /** A date for the sample link: fifteen days before the replay's clock, inside the span of the demo's offers. */
    public String sampleAmendmentDate() {
        return Formats.day(asOf.minus(Duration.ofDays(15)));
    }

    public String amendmentName() {
        return amendment.map(Amendment::version).orElse("");
    }

    public String amendmentFrom() {
        return amendment.map(a -> Formats.day(a.effectiveFrom())).orElse("");
    }

    /** Offers the holder was asked about as recorded, and would not have been under the draft: no first refusal at all. */
    public long notAsked() {
        return report.changes().stream().map(c -> c.draft().rule())
                .filter(rule -> rule.is(Rule.Trait.AMENDMENT) && !rule.is(Rule.Trait.RELEASE)).count();
    }

    /** Offers the draft's amendment would have released while they awaited the holder. */
    public long released() {
        return report.changes().stream().map(c -> c.draft().rule())
                .filter(rule -> rule.is(Rule.Trait.AMENDMENT) && rule.is(Rule.Trait.RELEASE)).count();
    }

    /**
     * The changes grouped by status and rule on either side, the most GPUs first: what the page says in words. (The
     * JSON's {@code byTransition} groups by status alone, as the contract gives it.)
     */
    public List<Shift> shifts() {
        Map<List<Object>, Shift> shifts = new LinkedHashMap<>();
        for (WhatIf.Change c : report.changes()) {
            shifts.merge(List.of(c.recorded().status(), c.recorded().rule(), c.draft().status(), c.draft().rule()),
                    new Shift(c.recorded().status(), c.recorded().rule(), c.draft().status(), c.draft().rule(), 1, c.gpus(), c),
                    (a, b) -> new Shift(a.fromStatus(), a.fromRule(), a.toStatus(), a.toRule(), a.offers() + b.offers(),
                            a.gpus() + b.gpus(), null));
        }
        return shifts.values().stream().sorted(java.util.Comparator.comparingLong(Shift::gpus).reversed()).toList();
    }

    public String value(String key) {
        return typed.getOrDefault(key, "");
    }

    public String exceptionList() {
        return String.join(",", exceptions);
    }

    public String fromDate() {
        return from.map(Formats::day).orElse("");
    }

    public String toDate() {
        return to.map(Formats::day).orElse("");
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
