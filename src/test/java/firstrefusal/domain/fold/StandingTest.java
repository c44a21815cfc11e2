package firstrefusal.domain.fold;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fold's steps are pure: each takes where the offer stands and returns where it stands next. What the offer stands on
 * after a match (the revision that opened the window) and which revision comes next (the one after the latest received)
 * are two facts of {@link Standing}, not one field rewound.
 */
class StandingTest {

    private static final Instant T = Offers.RECEIVED;
    private final Fold fold = new Fold(Agreement.of(TestPolicies.defaultContract()), Fold.Mode.RECORD);

    @Test
    void aMatchStandsOnTheRevisionThatOpenedTheWindowAndTheNextRevisionFollowsTheLatest() {
        CapacityOffer first = Offers.offer("o").build();
        CapacityOffer second = Offers.offer("o").revision(2).receivedAt(T.plus(Duration.ofDays(1))).build(); // same terms
        List<LogItem> log = List.of(Delivery.direct(first), Delivery.direct(second),
                Delivery.direct(Offers.match("o", T.plus(Duration.ofDays(2)))));

        Fold.Folded folded = fold.run(log, Map.of(), Optional.empty(), null);

        assertThat(folded.steps()).extracting(s -> s.decision().rule())
                .containsExactly(Rule.FIRST_REFUSAL_REQUIRED, Rule.NON_MATERIAL_REVISION, Rule.HOLDER_MATCHED);
        assertThat(folded.offer()).as("the match binds revision 1, which opened the window").isEqualTo(first);
        Fold.Folded again = fold.run(log, Map.of(), Optional.empty(),
                Delivery.direct(Offers.offer("o").revision(2).receivedAt(T.plus(Duration.ofDays(3))).build()));
        assertThat(again.trial()).isInstanceOfSatisfying(Fold.Verdict.Refused.class, refused -> assertThat(refused.reason())
                .extracting(InvalidMessageException::field, Throwable::getMessage)
                .containsExactly("revision", "revision: offer o is at revision 2 at " + T.plus(Duration.ofDays(3))
                        + ", so the next revision must be 3, was 2"));
    }

    @Test
    void aStepLeavesTheStandingItTookAsItWas() {
        CapacityOffer first = Offers.offer("o").build();
        Standing received = Standing.NOTHING.received(first);

        Standing told = received.toldEarly(1, T);

        assertThat(Standing.NOTHING.revisions()).isEmpty();
        assertThat(received.earlyNotices()).isEmpty();
        assertThat(told.earlyNotices()).containsEntry(1, T);
        assertThat(told.latestRevision()).isEqualTo(1);
        assertThat(told.firstReceivedAt()).isEqualTo(first.receivedAt());
    }
}
