package firstrefusal.domain.policy;

import firstrefusal.domain.policy.Term.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every term of the agreement, one row each (src/docs/contract.md, "The policy" and "The agreement over time"): its
 * name, kind and default, the check its values pass, how it reads in words, and whether a what-if draft may change it.
 * The holder, the version's name, the providers and the exceptions are the agreement's structure, not terms; see
 * {@link Policy}. The order here is the order terms are read in: on the agreement page, in its JSON and in the what-if
 * form. A new term is a row here, its key at the configuration's edge, and the rule that reads it.
 */
public final class Terms {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static final Term<Boolean> FIRST_REFUSAL = Term.required("first-refusal", Kind.FLAG, true,
            (on, w) -> on ? "The holder has a right of first refusal on new capacity."
                    : "The holder's right of first refusal on new capacity ends.");

    public static final Term<Set<String>> API_EXEMPT_CUSTOMERS = Term.required("api-exempt-customers", Kind.NAMES, Set.of(),
            (customers, w) -> "API work for " + w + " may run on any cloud; other API work stays with the holder.");

    public static final Term<Duration> FIRST_REFUSAL_WINDOW = Term.required("first-refusal-window", Kind.DURATION,
                    Duration.ofDays(14), (d, w) -> "The holder's window is " + w + ".")
            .checked(Duration::isPositive, "must be a positive duration").drafted("The holder's window", "P7D");

    public static final Term<Instant> AGI_DECLARED_AT = Term.optional("agi-declared-at", Kind.INSTANT, "not declared",
                    (t, w) -> "AGI is declared at " + w + ".")
            .drafted("AGI declared at", "2026-06-01T00:00:00Z");

    public static final Term<LocalDate> TERM_ENDS = Term.required("term-ends", Kind.DATE, LocalDate.parse("2030-12-31"),
                    (d, w) -> "The terms run through " + w + ".")
            .drafted("The terms end on", "2030-12-31");

    public static final Term<Duration> CLOCK_GRACE = Term.required("clock-grace", Kind.DURATION, Duration.ofMinutes(10),
                    (d, w) -> "The clock waits " + w + " after a deadline before it records a lapse.")
            .checked(d -> !d.isNegative(), "must not be negative").drafted("The clock waits after a deadline", "PT10M");

    public static final Term<BigDecimal> PRICE_DROP_PERCENT = Term.required("material-change.price-drop-percent", Kind.NUMBER,
                    BigDecimal.valueOf(5), (p, w) -> "A revision counts as better terms when at least " + w + " % cheaper.")
            .checked(p -> p.signum() > 0 && p.compareTo(HUNDRED) <= 0, "must be above 0 and at most 100")
            .drafted("A revision is better if cheaper by (%)", "5");

    public static final Term<BigDecimal> CAPACITY_INCREASE_PERCENT = Term.required("material-change.capacity-increase-percent",
                    Kind.NUMBER, BigDecimal.valueOf(10), (p, w) -> "A revision counts as better terms when at least " + w + " % larger.")
            .checked(p -> p.signum() > 0, "must be above 0").drafted("or larger by (%)", "10");

    /** How far a message's own instant may run ahead of its arrival. */
    public static final Term<Duration> CLOCK_SKEW = Term.required("clock-skew", Kind.DURATION, Duration.ofMinutes(5),
                    (d, w) -> "A sender's clock may run at most " + w + " ahead of arrival.")
            .checked(d -> !d.isNegative(), "must not be negative");

    /** A notice later than this after its window opened moves the deadline. */
    public static final Term<Duration> NOTICE_GRACE = Term.required("notice-grace", Kind.DURATION, Duration.ofHours(1),
                    (d, w) -> "A notice within " + w + " of the window opening is in time.")
            .checked(d -> !d.isNegative(), "must not be negative");

    /** The holder's AWS account: a holder response in an envelope from any other account is refused. */
    public static final Term<String> HOLDER_ACCOUNT = Term.optional("holder-account", Kind.TEXT, "not set",
                    (account, w) -> "The holder's answers through EventBridge must come from AWS account " + w + ".")
            .checked(account -> !account.isBlank(), "must name the holder's account or be unset");

    /** Nothing lapses an offer before its notice is recorded; false for a deployment without notify. */
    public static final Term<Boolean> LAPSE_REQUIRES_NOTICE = Term.required("lapse-requires-notice", Kind.FLAG, true,
                    (on, w) -> on ? "Nothing lapses an offer before its notice to the holder is recorded."
                            : "An offer lapses at its deadline whether or not a notice to the holder is recorded.")
            .baseOnly();

    private static final List<Term<?>> ALL = List.of(FIRST_REFUSAL, API_EXEMPT_CUSTOMERS, FIRST_REFUSAL_WINDOW, AGI_DECLARED_AT,
            TERM_ENDS, CLOCK_GRACE, PRICE_DROP_PERCENT, CAPACITY_INCREASE_PERCENT, CLOCK_SKEW, NOTICE_GRACE, HOLDER_ACCOUNT,
            LAPSE_REQUIRES_NOTICE);

    private Terms() {
    }

    /** Every term, in the order they are read. */
    public static List<Term<?>> all() {
        return ALL;
    }

    /** The terms a what-if draft may change, in the form's order. */
    public static List<Term<?>> drafted() {
        return ALL.stream().filter(t -> t.label().isPresent()).toList();
    }

    public static Optional<Term<?>> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The terms {@code values} holds, each with its value, in the order terms are read. */
    static List<Term.Value<?>> valued(Map<Term<?>, Object> values) {
        return ALL.stream().filter(values::containsKey).<Term.Value<?>>map(t -> t.valued(values.get(t))).toList();
    }

    /** The term of that name, if a what-if draft may change it. */
    public static Optional<Term<?>> drafted(String name) {
        return named(name).filter(t -> t.label().isPresent());
    }
}
