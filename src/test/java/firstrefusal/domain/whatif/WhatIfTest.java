package firstrefusal.domain.whatif;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.InvalidPolicyException;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PolicyDraft;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The what-if, one row per draft key: a history recorded under the agreement in force, the draft, and how the
 * replay decides the offer under it. The histories are recorded by the real rules, as {@code decide} records them.
 */
class WhatIfTest {

    private static final Policy IN_FORCE = TestPolicies.defaultContract();
    private static final Instant R = Offers.RECEIVED;
    private static final Instant AS_OF = R.plus(Duration.ofDays(60));

    record Row(String draft, List<OfferMessage> recorded, String asRecorded, String underTheDraft, Instant asOf) {
        @Override
        public String toString() {
            return draft + ": " + asRecorded + " -> " + underTheDraft;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("first-refusal-window=P7D", List.of(Offers.offer("o").build(), Offers.match("o", R.plus(Duration.ofDays(10)))),
                        "MATCHED_BY_HOLDER HOLDER_MATCHED", "APPROVED FIRST_REFUSAL_LAPSED at 2025-01-28T15:00:00Z"),
                row("first-refusal-window=P21D", List.of(Offers.offer("o").build(), Offers.match("o", R.plus(Duration.ofDays(16)))),
                        "APPROVED FIRST_REFUSAL_LAPSED", "MATCHED_BY_HOLDER HOLDER_MATCHED at 2025-02-06T15:00:00Z"),
                row("agi-declared-at=2025-01-20T00:00:00Z", List.of(Offers.offer("o").build(), Offers.decline("o", R.plus(Duration.ofDays(1)))),
                        "APPROVED HOLDER_DECLINED", "APPROVED AGI_DECLARED at 2025-01-21T15:00:00Z"),
                // AGI declared while the offer is pending releases it at that instant, before the holder's answer.
                row("agi-declared-at=2025-01-22T00:00:00Z", List.of(Offers.offer("o").build(), Offers.decline("o", R.plus(Duration.ofDays(1)))),
                        "APPROVED HOLDER_DECLINED", "APPROVED AGI_DECLARED at 2025-01-22T00:00:00Z"),
                row("agi-declared-at=2025-01-23T00:00:00Z", List.of(Offers.offer("o").build(), Offers.decline("o", R.plus(Duration.ofDays(1)))),
                        "APPROVED HOLDER_DECLINED", "unchanged"),
                row("exception=oracle:o", List.of(Offers.offer("o").build(), Offers.match("o", R.plus(Duration.ofDays(3)))),
                        "MATCHED_BY_HOLDER HOLDER_MATCHED", "APPROVED APPROVED_EXCEPTION at 2025-01-21T15:00:00Z"),
                row("material-change.price-drop-percent=2", List.of(Offers.offer("o").build(),
                                Offers.offer("o").revision(2).price("2.05").receivedAt(R.plus(Duration.ofDays(3))).build()),
                        "PENDING_FIRST_REFUSAL NON_MATERIAL_REVISION", "PENDING_FIRST_REFUSAL MATERIAL_CHANGE at 2025-01-24T15:00:00Z",
                        R.plus(Duration.ofDays(5))),
                row("material-change.capacity-increase-percent=5", List.of(Offers.offer("o").build(),
                                Offers.offer("o").revision(2).gpus(69_120).receivedAt(R.plus(Duration.ofDays(3))).build()),
                        "PENDING_FIRST_REFUSAL NON_MATERIAL_REVISION", "PENDING_FIRST_REFUSAL MATERIAL_CHANGE at 2025-01-24T15:00:00Z",
                        R.plus(Duration.ofDays(5))),
                row("term-ends=2025-05-31", List.of(Offers.offer("o").build(), Offers.match("o", R.plus(Duration.ofDays(2)))),
                        "MATCHED_BY_HOLDER HOLDER_MATCHED", "APPROVED OUTSIDE_CONTRACT_TERM at 2025-01-21T15:00:00Z"),
                row("clock-grace=PT2H", List.of(Offers.offer("o").build()),
                        "APPROVED FIRST_REFUSAL_LAPSED", "PENDING_FIRST_REFUSAL FIRST_REFUSAL_REQUIRED at 2025-01-21T15:00:00Z",
                        Offers.DEADLINE.plus(Duration.ofHours(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachDraftKeyDecidesTheRecordedOfferAsItsTermsSay(Row row) {
        Policy draft = draft(row.draft());
        OfferRecord history = record(row.recorded(), row.asOf());

        WhatIf replay = whatIf(draft, row.asOf());
        replay.add(history);
        WhatIf.Report report = replay.report();

        assertThat(report.offers()).isEqualTo(1);
        if (row.underTheDraft().equals("unchanged")) {
            assertThat(report.changes()).isEmpty();
            return;
        }
        assertThat(report.changes()).hasSize(1);
        WhatIf.Change change = report.changes().getFirst();
        assertThat(change.recorded().status() + " " + change.recorded().rule()).as("as recorded").isEqualTo(row.asRecorded());
        String draftOutcome = change.draft().status() + " " + change.draft().rule();
        assertThat(draftOutcome + " at " + change.draft().decidedAt()).as("under the draft").isEqualTo(row.underTheDraft());
        assertThat(report.byTransition()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(change.recorded().status());
            assertThat(t.to()).isEqualTo(change.draft().status());
            assertThat(t.offers()).isEqualTo(1);
            assertThat(t.gpus()).isEqualTo(change.gpus());
        });
    }

    @Test
    void theAgreementInForceChangesNothing() {
        WhatIf replay = whatIf(IN_FORCE, AS_OF);
        rows().forEach(args -> replay.add(record(((Row) args.get()[0]).recorded(), AS_OF)));

        assertThat(replay.report().offers()).isEqualTo(10);
        assertThat(replay.report().changes()).isEmpty();
    }

    @Test
    void aLogWithoutItsFirstRevisionIsCountedNotReplayed() {
        OfferRecord whole = record(AS_OF, List.of(Offers.offer("o").build(), Offers.match("o", R.plus(Duration.ofDays(10)))));
        OfferRecord partial = new OfferRecord(whole.state(), whole.history(), whole.log().subList(1, whole.log().size()));
        WhatIf replay = whatIf(draft("first-refusal-window=P7D"), AS_OF);

        replay.add(partial);
        replay.add(record(AS_OF, List.of(Offers.offer("p").build())));

        assertThat(replay.report().offers()).isEqualTo(2);
        assertThat(replay.report().notReplayable()).isEqualTo(1);
        assertThat(replay.report().changes()).isEmpty();
    }

    @Test
    void onlyWhatWasDecidedByAsOfCountsOnBothSides() {
        Instant asOf = R.plus(Duration.ofDays(5));
        WhatIf replay = whatIf(draft("first-refusal-window=P7D"), asOf);

        // Matched on day 10: as of day 5 the offer was pending, as recorded and under a 7-day window alike.
        replay.add(record(AS_OF, List.of(Offers.offer("o").build(), Offers.match("o", R.plus(Duration.ofDays(10))))));
        // First received on day 20: not yet in the record as of day 5.
        replay.add(record(AS_OF, List.of(Offers.offer("later").receivedAt(R.plus(Duration.ofDays(20))).build())));

        assertThat(replay.report().offers()).isEqualTo(1);
        assertThat(replay.report().changes()).isEmpty();
    }

    @Test
    void transitionsAddUpOffersAndGpusLargestFirst() {
        WhatIf replay = whatIf(draft("first-refusal-window=P7D"), AS_OF);
        replay.add(record(AS_OF, List.of(Offers.offer("a").gpus(10_000).build(), Offers.match("a", R.plus(Duration.ofDays(9))))));
        replay.add(record(AS_OF, List.of(Offers.offer("b").gpus(30_000).build(), Offers.match("b", R.plus(Duration.ofDays(8))))));
        replay.add(record(AS_OF, List.of(Offers.offer("c").gpus(5_000).build(), Offers.decline("c", R.plus(Duration.ofDays(8))))));
        replay.add(record(AS_OF, List.of(Offers.offer("d").gpus(7_000).build(), Offers.match("d", R.plus(Duration.ofDays(2))))));

        WhatIf.Report report = replay.report();

        assertThat(report.changed()).isEqualTo(3);
        assertThat(report.byTransition()).containsExactly(
                new WhatIf.Transition(Status.MATCHED_BY_HOLDER, Status.APPROVED, 2, 40_000),
                new WhatIf.Transition(Status.APPROVED, Status.APPROVED, 1, 5_000));
        assertThat(report.changes()).extracting(WhatIf.Change::offerId).containsExactly("a", "b", "c");
    }

    @Test
    void aDraftIsValidatedAsTheConfigurationIsAndErrorsNameTheDraftKey() {
        assertInvalid("first-refusal-window=PT0S", "first-refusal-window", "must be a positive duration, was PT0S");
        assertInvalid("first-refusal-window=two weeks", "first-refusal-window", "must be an ISO-8601 duration such as P7D");
        assertInvalid("material-change.price-drop-percent=150", "material-change.price-drop-percent", "must be above 0 and at most 100");
        assertInvalid("clock-grace=-PT1M", "clock-grace", "must not be negative");
        assertInvalid("agi-declared-at=soon", "agi-declared-at", "must be an ISO-8601 UTC instant");
        assertInvalid("term-ends=2030-13-01", "term-ends", "must be a date such as 2030-12-31");
        assertInvalid("holder=oracle", "holder", "is not a term a draft may change");
        assertInvalid("exception=oracle", "exception", "must be <provider>:<offerId>");
        assertInvalid("exception=aws:x", "exception", "'aws' is not one of the providers");
    }

    private static void assertInvalid(String draft, String key, String problem) {
        assertThatThrownBy(() -> draft(draft)).isInstanceOf(InvalidPolicyException.class)
                .satisfies(e -> {
                    assertThat(((InvalidPolicyException) e).key()).isEqualTo(key);
                    assertThat(((InvalidPolicyException) e).problem()).contains(problem);
                });
    }

    private static Arguments row(String draft, List<OfferMessage> recorded, String asRecorded, String underTheDraft) {
        return row(draft, recorded, asRecorded, underTheDraft, AS_OF);
    }

    private static Arguments row(String draft, List<OfferMessage> recorded, String asRecorded, String underTheDraft, Instant asOf) {
        return Arguments.of(new Row(draft, recorded, asRecorded, underTheDraft, asOf));
    }

    /** {@code key=value}, as the what-if page takes it. */
    private static Policy draft(String draft) {
        String key = draft.substring(0, draft.indexOf('='));
        String value = draft.substring(draft.indexOf('=') + 1);
        return key.equals(PolicyDraft.EXCEPTION) ? PolicyDraft.apply(IN_FORCE, Map.of(), List.of(value))
                : PolicyDraft.apply(IN_FORCE, Map.of(key, value), List.of());
    }

    private static WhatIf whatIf(Policy draft, Instant asOf) {
        return new WhatIf(firstrefusal.domain.policy.Deployments.only(Agreement.of(IN_FORCE)),
                firstrefusal.domain.policy.Deployments.only(Agreement.of(draft)), asOf);
    }

    /**
     * The record the messages leave, decided by the rules in force as decide records it (each window's notice leaving as
     * it opened, as notify sends it), then the clock at asOf.
     */
    private static OfferRecord record(Instant asOf, List<OfferMessage> messages) {
        return record(messages, asOf);
    }

    private static OfferRecord record(List<OfferMessage> messages, Instant asOf) {
        Adjudicator rules = new Adjudicator(IN_FORCE);
        OfferRecord record = null;
        for (OfferMessage message : messages) {
            if (rules.decide(Delivery.direct(message), Optional.ofNullable(record), message.at()) instanceof Outcome.Changed change) {
                record = InMemoryRecords.after(record, change);
            }
            if (message instanceof CapacityOffer o && record.state().isOutstanding() && record.state().window().revision() == o.revision()
                    && rules.decide(new Notice(o.offerId(), o.revision(), o.receivedAt()), Optional.of(record), o.receivedAt())
                            instanceof Outcome.Changed noticed) {
                record = InMemoryRecords.after(record, noticed);
            }
        }
        OfferRecord recorded = record;
        return rules.onClock(recorded.state(), asOf, asOf).map(change -> InMemoryRecords.after(recorded, change)).orElse(recorded);
    }
}
