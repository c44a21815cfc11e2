package firstrefusal.config;

import firstrefusal.config.PolicyConfig.AmendmentConfig;
import firstrefusal.config.PolicyConfig.MaterialChange;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Term;
import firstrefusal.domain.policy.Terms;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the configuration holds each term of {@link Terms}: its key under {@code policy.} for the base and under
 * {@code policy.amendments[i].} for an amendment, read through {@link PolicyConfig}'s methods, which SmallRye names after
 * the term ({@code firstRefusalWindow()} is {@code first-refusal-window}), converting the value as it converts any
 * configuration. A term the base takes only from its default has no base key; one only the base sets, no amendment key.
 */
final class TermKeys {

    private record Row<V>(Term<V> term, Function<PolicyConfig, Optional<V>> base, Function<AmendmentConfig, Optional<V>> amendment) {
    }

    private static final List<Row<?>> ROWS = List.of(
            new Row<>(Terms.FIRST_REFUSAL, c -> Optional.empty(), AmendmentConfig::firstRefusal),
            new Row<>(Terms.API_EXEMPT_CUSTOMERS, c -> Optional.empty(), a -> a.apiExemptCustomers().map(Set::copyOf)),
            new Row<>(Terms.FIRST_REFUSAL_WINDOW, PolicyConfig::firstRefusalWindow, AmendmentConfig::firstRefusalWindow),
            new Row<>(Terms.AGI_DECLARED_AT, PolicyConfig::agiDeclaredAt, AmendmentConfig::agiDeclaredAt),
            new Row<>(Terms.TERM_ENDS, PolicyConfig::termEnds, AmendmentConfig::termEnds),
            new Row<>(Terms.CLOCK_GRACE, PolicyConfig::clockGrace, AmendmentConfig::clockGrace),
            new Row<>(Terms.PRICE_DROP_PERCENT, c -> c.materialChange().priceDropPercent(),
                    a -> a.materialChange().flatMap(MaterialChange::priceDropPercent)),
            new Row<>(Terms.CAPACITY_INCREASE_PERCENT, c -> c.materialChange().capacityIncreasePercent(),
                    a -> a.materialChange().flatMap(MaterialChange::capacityIncreasePercent)),
            new Row<>(Terms.CLOCK_SKEW, PolicyConfig::clockSkew, AmendmentConfig::clockSkew),
            new Row<>(Terms.NOTICE_GRACE, PolicyConfig::noticeGrace, AmendmentConfig::noticeGrace),
            new Row<>(Terms.HOLDER_ACCOUNT, c -> AwsAccount.checked(c.holderAccount(), Terms.HOLDER_ACCOUNT.name()),
                    a -> AwsAccount.checked(a.holderAccount(), Terms.HOLDER_ACCOUNT.name())),
            new Row<>(Terms.LAPSE_REQUIRES_NOTICE, PolicyConfig::lapseRequiresNotice, a -> Optional.empty()));

    private TermKeys() {
    }

    /** The terms read here, in the order they are listed. */
    static List<Term<?>> terms() {
        return ROWS.stream().<Term<?>>map(Row::term).toList();
    }

    /** The terms the base configuration sets, in {@code builder}; the rest keep the contract's defaults. */
    static Policy.Builder base(PolicyConfig config, Policy.Builder builder) {
        ROWS.forEach(row -> set(row, config, builder));
        return builder;
    }

    /** The terms an amendment written in the configuration changes. */
    static Amendment.Changes changes(AmendmentConfig config) {
        Amendment.Changes changes = Amendment.Changes.none();
        for (Row<?> row : ROWS) {
            changes = changed(row, config, changes);
        }
        return changes;
    }

    private static <V> void set(Row<V> row, PolicyConfig config, Policy.Builder builder) {
        row.base().apply(config).ifPresent(v -> builder.set(row.term(), v));
    }

    private static <V> Amendment.Changes changed(Row<V> row, AmendmentConfig config, Amendment.Changes changes) {
        return changes.with(row.term(), row.amendment().apply(config));
    }
}
