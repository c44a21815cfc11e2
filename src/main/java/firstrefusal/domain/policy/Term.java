package firstrefusal.domain.policy;

import firstrefusal.domain.RefusedValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One term of the agreement (src/docs/contract.md, "The policy", "The agreement over time"): its name as the contract
 * writes it, which is the name the configuration, the what-if's query and the agreement's JSON give it too
 * ({@code first-refusal-window}: the configuration puts {@code policy.} or {@code policy.amendments[i].} in front); the
 * kind of value it takes and how that is written as text; the contract's default; the check a value must pass; and how
 * it reads in words. Every term is a row of {@link Terms}; {@link Policy} holds a value of each, an {@link Amendment}
 * changes some, a {@link PolicyDraft} overrides the drafted ones. A term is one object: compared by identity.
 *
 * @param <V> the value's type
 */
public final class Term<V> {

    /** The kind of value a term takes, and how the contract writes it as text. */
    public record Kind<V>(String what, Function<String, V> parse, Function<V, String> text) {
        public static final Kind<Duration> DURATION = new Kind<>("an ISO-8601 duration", Duration::parse, Duration::toString);
        public static final Kind<LocalDate> DATE = new Kind<>("a date", LocalDate::parse, LocalDate::toString);
        public static final Kind<Instant> INSTANT = new Kind<>("an ISO-8601 UTC instant", Instant::parse, Instant::toString);
        public static final Kind<BigDecimal> NUMBER = new Kind<>("a number", BigDecimal::new, BigDecimal::toPlainString);
        public static final Kind<Boolean> FLAG = new Kind<>("true or false", Kind::flag, String::valueOf);
        public static final Kind<String> TEXT = new Kind<>("text", Function.identity(), Function.identity());
        /** A set of names, written comma-separated in sorted order. */
        public static final Kind<Set<String>> NAMES = new Kind<>("a comma-separated list", Kind::names,
                names -> String.join(",", new TreeSet<>(names)));

        private static Boolean flag(String text) {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(text);
            }
            return Boolean.valueOf(text);
        }

        private static Set<String> names(String text) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(n -> !n.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** A term with its value: one term an amendment changes, or one a version holds. */
    public record Value<V>(Term<V> term, V value) {

        /** The value as the contract writes it ({@code P7D}, {@code 2032-12-31}, {@code a,b}). */
        public String text() {
            return term.row.kind.text().apply(value);
        }

        /** This value set in {@code builder}. */
        public Policy.Builder setIn(Policy.Builder builder) {
            return builder.set(term, value);
        }

        /** The sentence that says it, given how the reader's medium writes a value in words. */
        public String said(Function<Object, String> inWords) {
            return term.row.said.apply(value, inWords.apply(value));
        }
    }

    /** What a term is, as its row in {@link Terms} gives it. */
    private record Row<V>(String name, Kind<V> kind, V fallback, BiFunction<V, String, String> said, Predicate<V> check,
            String problem, String label, String example, String unsetWords, boolean amendable) {
    }

    private final Row<V> row;

    private Term(Row<V> row) {
        this.row = row;
    }

    /**
     * A term every version has a value of, the contract's default unless configured.
     *
     * @param said the sentence that says a value, given the value and the value in words ("14 days")
     */
    static <V> Term<V> required(String name, Kind<V> kind, V fallback, BiFunction<V, String, String> said) {
        return new Term<>(new Row<>(name, kind, fallback, said, v -> true, null, null, kind.text().apply(fallback), null, true));
    }

    /** A term a version may leave unset, which then reads as {@code unsetWords} ("not declared"). */
    static <V> Term<V> optional(String name, Kind<V> kind, String unsetWords, BiFunction<V, String, String> said) {
        return new Term<>(new Row<>(name, kind, null, said, v -> true, null, null, null, unsetWords, true));
    }

    /** The same term, its values held to {@code check}; a value that fails it is refused with {@code problem}. */
    Term<V> checked(Predicate<V> check, String problem) {
        return new Term<>(new Row<>(row.name, row.kind, row.fallback, row.said, check, problem, row.label, row.example,
                row.unsetWords, row.amendable));
    }

    /** The same term, one a what-if draft may change: the form labels it so, and {@code example} shows what it takes. */
    Term<V> drafted(String label, String example) {
        return new Term<>(new Row<>(row.name, row.kind, row.fallback, row.said, row.check, row.problem, label, example,
                row.unsetWords, row.amendable));
    }

    /** The same term, one only the base sets: no amendment changes it. */
    Term<V> baseOnly() {
        return new Term<>(new Row<>(row.name, row.kind, row.fallback, row.said, row.check, row.problem, row.label, row.example,
                row.unsetWords, false));
    }

    /** As the contract writes it: {@code first-refusal-window}, {@code material-change.price-drop-percent}. */
    public String name() {
        return row.name;
    }

    public Kind<V> kind() {
        return row.kind;
    }

    /** The contract's default; empty for a term a version may leave unset. */
    public Optional<V> fallback() {
        return Optional.ofNullable(row.fallback);
    }

    /** How the what-if form labels it; empty for a term a draft may not change. */
    public Optional<String> label() {
        return Optional.ofNullable(row.label);
    }

    /** How an unset value reads ("not declared"). */
    public String unsetWords() {
        return row.unsetWords == null ? "not set" : row.unsetWords;
    }

    public boolean amendable() {
        return row.amendable;
    }

    /** The value this text writes, as the contract writes it; text that is not one is refused, naming this term. */
    public V parse(String text) {
        try {
            return row.kind.parse().apply(text.trim());
        } catch (RuntimeException e) {
            throw new InvalidPolicyException(row.name, "must be " + row.kind.what() + (row.example == null ? "" : " such as " + row.example)
                    + ", was " + RefusedValue.quoted(text));
        }
    }

    public Value<V> of(V value) {
        return new Value<>(this, value);
    }

    Value<V> valued(Object value) {
        return of(cast(value));
    }

    /** A value a version holds, checked: set unless the term may be unset, and passing the term's check. */
    void validate(Object value) {
        if (value == null) {
            if (row.fallback != null) {
                throw new InvalidPolicyException(row.name, "must be " + row.kind.what());
            }
            return;
        }
        if (!row.check.test(cast(value))) {
            throw new InvalidPolicyException(row.name, row.problem + ", was " + value);
        }
    }

    @SuppressWarnings("unchecked")
    V cast(Object value) {
        return (V) value;
    }

    @Override
    public String toString() {
        return row.name;
    }
}
