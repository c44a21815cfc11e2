package firstrefusal.domain.offer;

import static firstrefusal.domain.offer.Offers.DEADLINE;
import static firstrefusal.domain.offer.Offers.decline;
import static firstrefusal.domain.offer.Offers.match;
import static firstrefusal.domain.offer.Offers.offer;
import static firstrefusal.domain.offer.Offers.withdrawal;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_LAPSED;
import static firstrefusal.domain.offer.Rule.FIRST_REFUSAL_REQUIRED;
import static firstrefusal.domain.offer.Rule.HOLDER_DECLINED;
import static firstrefusal.domain.offer.Rule.HOLDER_MATCHED;
import static firstrefusal.domain.offer.Rule.OFFER_EXPIRED;
import static firstrefusal.domain.offer.Rule.OFFER_WITHDRAWN;
import static firstrefusal.domain.offer.Status.APPROVED;
import static firstrefusal.domain.offer.Status.EXPIRED;
import static firstrefusal.domain.offer.Status.MATCHED_BY_HOLDER;
import static firstrefusal.domain.offer.Status.PENDING_FIRST_REFUSAL;
import static firstrefusal.domain.offer.Status.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import firstrefusal.domain.fold.Fold;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract (src/docs/contract.md, "Decisions"), "While pending, the first of these events decides": one row per transition, in event time.
 * Every offer is received at 2025-01-21T15:00Z, so its deadline D is 2025-02-04T15:00Z; grace is 10 minutes.
 */
class PendingOfferRulesTest {

    private static final String ID = "oracle-abilene-1";
    private static final Instant VALID_UNTIL = DEADLINE.minus(Duration.ofDays(4));
    private static final Duration GRACE = Duration.ofMinutes(10);

    static Stream<Arguments> transitions() {
        return Stream.of(
                //   event                                                  offer valid until   then                                                       status                 rule                   decided at       late
                row("holder MATCH a day before D",                           null,        t -> t.send(match(ID, DEADLINE.minus(days(1)))),                  MATCHED_BY_HOLDER,     HOLDER_MATCHED,        DEADLINE.minus(days(1)), false),
                row("holder MATCH exactly at D is in time",                  null,        t -> t.send(match(ID, DEADLINE)),                                 MATCHED_BY_HOLDER,     HOLDER_MATCHED,        DEADLINE,        false),
                row("holder DECLINE before D",                               null,        t -> t.send(decline(ID, DEADLINE.minus(days(2)))),                APPROVED,              HOLDER_DECLINED,       DEADLINE.minus(days(2)), false),
                row("validUntil passes: a clock tick expires it",            VALID_UNTIL, t -> t.tick(VALID_UNTIL),                                         EXPIRED,               OFFER_EXPIRED,         VALID_UNTIL,     false),
                row("clock tick once D is older than the grace: lapse",      null,        t -> t.tick(DEADLINE.plus(GRACE)),                                APPROVED,              FIRST_REFUSAL_LAPSED,  DEADLINE,        false),
                row("clock tick within the grace: still pending",            null,        t -> t.tick(DEADLINE.plus(GRACE).minusSeconds(1)),                PENDING_FIRST_REFUSAL, FIRST_REFUSAL_REQUIRED, Offers.RECEIVED, false),
                row("MATCH dated after D, before any tick: lapsed, late",    null,        t -> t.send(match(ID, DEADLINE.plusSeconds(1))),                  APPROVED,              FIRST_REFUSAL_LAPSED,  DEADLINE,        true),
                row("MATCH in time, processed after the lapse: corrected",   null,        t -> { t.tick(DEADLINE.plus(days(1))); t.send(match(ID, DEADLINE.minus(days(1)))); }, MATCHED_BY_HOLDER, HOLDER_MATCHED, DEADLINE.minus(days(1)), false),
                row("MATCH dated in time, reaching the queue after D: late", null,        t -> t.send(match(ID, DEADLINE.minus(days(1))), DEADLINE.plusSeconds(1)), APPROVED, FIRST_REFUSAL_LAPSED, DEADLINE, true),
                row("MATCH reaching the queue exactly at D: in time",        null,        t -> t.send(match(ID, DEADLINE.minus(days(1))), DEADLINE),       MATCHED_BY_HOLDER,     HOLDER_MATCHED,        DEADLINE,        false),
                row("MATCH exactly at validUntil: answers come before time", VALID_UNTIL, t -> t.send(match(ID, VALID_UNTIL)),                              MATCHED_BY_HOLDER,     HOLDER_MATCHED,        VALID_UNTIL,     false),
                row("DECLINE dated after D: lapsed, late",                   null,        t -> t.send(decline(ID, DEADLINE.plus(days(3)))),                 APPROVED,              FIRST_REFUSAL_LAPSED,  DEADLINE,        true),
                row("withdrawal while pending",                              null,        t -> t.send(withdrawal(ID, DEADLINE.minus(days(5)))),             WITHDRAWN,             OFFER_WITHDRAWN,       DEADLINE.minus(days(5)), false),
                row("withdrawal of an offer the holder declined",            null,        t -> { t.send(decline(ID, DEADLINE.minus(days(5)))); t.send(withdrawal(ID, DEADLINE.minus(days(4)))); }, WITHDRAWN, OFFER_WITHDRAWN, DEADLINE.minus(days(4)), false),
                row("withdrawal after D: the lapse came first, then this",   null,        t -> t.send(withdrawal(ID, DEADLINE.plus(days(1)))),              WITHDRAWN,             OFFER_WITHDRAWN,       DEADLINE.plus(days(1)), false),
                row("tick after D and after validUntil > D: D came first",   DEADLINE.plus(days(1)), t -> t.tick(DEADLINE.plus(days(2))),                   APPROVED,              FIRST_REFUSAL_LAPSED,  DEADLINE,        false));
    }

    @ParameterizedTest(name = "{0} → {3} {4}")
    @MethodSource("transitions")
    void theFirstEventInEventTimeDecides(String event, Instant validUntil, Consumer<OfferTimeline> then, Status status, Rule rule,
            Instant decidedAt, boolean late) {
        OfferTimeline timeline = pendingOffer(validUntil);
        then.accept(timeline);

        Decision current = timeline.current();
        assertThat(current.status()).isEqualTo(status);
        assertThat(current.rule()).isEqualTo(rule);
        assertThat(current.decidedAt()).isEqualTo(decidedAt);
        assertThat(timeline.lastAnswer().late()).as("late").isEqualTo(late);
    }

    @Test
    void aLapseRevealedByALaterEventIsRecordedBeforeThatEvent() {
        OfferTimeline timeline = pendingOffer(null);
        timeline.send(withdrawal(ID, DEADLINE.plus(days(1))));

        assertThat(timeline.record().history()).extracting(e -> e.decision().rule())
                .containsExactly(FIRST_REFUSAL_REQUIRED, FIRST_REFUSAL_LAPSED, OFFER_WITHDRAWN);
        assertThat(timeline.record().history()).extracting(HistoryEntry::cause)
                .containsExactly("offer:1", Fold.TIME, "withdrawal:2025-02-05T15:00:00Z");
    }

    @Test
    void aLateAnswerWithTheLapseAlreadyRecordedIsKeptWithoutAnEntry() {
        OfferTimeline timeline = pendingOffer(null);
        timeline.tick(DEADLINE.plus(days(1)));
        int entries = timeline.record().history().size();

        Decision late = timeline.send(match(ID, DEADLINE.plus(days(2))));

        assertThat(late.late()).isTrue();
        assertThat(late.rule()).isEqualTo(FIRST_REFUSAL_LAPSED);
        assertThat(timeline.record().history()).hasSize(entries);
        assertThat(timeline.record().kept("response:" + match(ID, DEADLINE.plus(days(2))).responseId()))
                .hasValueSatisfying(k -> assertThat(k.keptWithEntry()).isFalse());
    }

    @Test
    void anAnswerAfterTheOfferExpiredIsAClearErrorAndChangesNothing() {
        OfferTimeline timeline = pendingOffer(VALID_UNTIL);
        int writes = timeline.writes();

        assertThatThrownBy(() -> timeline.send(match(ID, VALID_UNTIL.plusSeconds(1))))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("offerId").hasMessageContaining("EXPIRED");
        assertThat(timeline.record().state().status()).isEqualTo(PENDING_FIRST_REFUSAL);
        assertThat(timeline.writes()).isEqualTo(writes);
    }

    @Test
    void anAnswerToAnOfferDecidedOtherThanByALapseIsAClearError() {
        OfferTimeline timeline = pendingOffer(null);
        timeline.send(match(ID, DEADLINE.minus(days(3))));

        assertThatThrownBy(() -> timeline.send(decline(ID, DEADLINE.minus(days(2)))))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("MATCHED_BY_HOLDER");
    }

    @Test
    void aResponderThatIsNotTheHolderIsAClearError() {
        OfferTimeline timeline = pendingOffer(null);

        assertThatThrownBy(() -> timeline.send(new HolderResponse("r-9", ID, "google", Answer.MATCH, DEADLINE)))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("responder"));
    }

    @Test
    void aResponseToAnUnknownOfferIsAClearError() {
        OfferTimeline timeline = new OfferTimeline(TestPolicies.defaultContract());

        assertThatThrownBy(() -> timeline.send(match("nobody", DEADLINE)))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("offerId"));
    }

    @Test
    void anExpiredOfferCannotBeWithdrawn() {
        OfferTimeline timeline = pendingOffer(VALID_UNTIL);
        timeline.tick(VALID_UNTIL);

        assertThatThrownBy(() -> timeline.send(withdrawal(ID, VALID_UNTIL.plusSeconds(60))))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("EXPIRED");
    }

    @Test
    void theClockLeavesDecidedOffersAlone() {
        OfferTimeline timeline = pendingOffer(null);
        timeline.send(match(ID, DEADLINE.minus(days(1))));

        assertThat(timeline.tick(DEADLINE.plus(days(30)))).isEmpty();
    }

    /** A pending offer whose notice left as it arrived: its window runs to D. */
    static OfferTimeline pendingOffer(Instant validUntil) {
        OfferTimeline timeline = new OfferTimeline(TestPolicies.defaultContract());
        timeline.send(offer(ID).validUntil(validUntil).build());
        timeline.notice(1, Offers.RECEIVED);
        return timeline;
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static Arguments row(String event, Instant validUntil, Consumer<OfferTimeline> then, Status status, Rule rule,
            Instant decidedAt, boolean late) {
        return arguments(event, validUntil, then, status, rule, decidedAt, late);
    }
}
