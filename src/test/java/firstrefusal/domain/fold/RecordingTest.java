package firstrefusal.domain.fold;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HistoryEntry;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one invariant the choice between appending and correcting rests on ({@link Recording.Told#continuedBy}): the new
 * steps are appended only when they continue the story the record tells. Each condition, alone, makes it a correction.
 */
class RecordingTest {

    private static final Instant T = Offers.RECEIVED;
    private static final CapacityOffer OFFER = Offers.offer("o").build();
    private static final Fold.Step OPENED = step(Status.PENDING_FIRST_REFUSAL, Rule.FIRST_REFUSAL_REQUIRED, "offer:1", T);
    private static final Fold.Step DECLINED = step(Status.APPROVED, Rule.HOLDER_DECLINED, "response:d", T.plus(Duration.ofDays(2)));
    private static final LogItem DECLINE = Delivery.direct(Offers.decline("o", T.plus(Duration.ofDays(2))));

    @Test
    void stepsThatFollowEverythingToldAreAppended() {
        Recording.Told told = new Recording.Told(List.of(OPENED), List.of(entry(1, OPENED)));

        assertThat(told.continuedBy(List.of(OPENED, DECLINED), DECLINE)).contains(List.of(DECLINED));
    }

    @Test
    void aStepOnRecordThatTheFoldWithTheItemNoLongerHasIsCorrected() {
        Fold.Step earlier = step(Status.APPROVED, Rule.HOLDER_DECLINED, "response:d", T.plus(Duration.ofDays(1)));
        Recording.Told told = new Recording.Told(List.of(OPENED, DECLINED), List.of(entry(1, OPENED), entry(2, DECLINED)));

        assertThat(told.continuedBy(List.of(OPENED, earlier), DECLINE)).isEmpty();
    }

    @Test
    void aHistoryThatEndsElsewhereThanTheFoldIsCorrected() {
        Fold.Step withdrawn = step(Status.WITHDRAWN, Rule.OFFER_WITHDRAWN, "withdrawal:x", T.plus(Duration.ofHours(1)));
        Recording.Told told = new Recording.Told(List.of(OPENED), List.of(entry(1, OPENED), entry(2, withdrawn)));

        assertThat(told.continuedBy(List.of(OPENED, DECLINED), DECLINE)).isEmpty();
    }

    @Test
    void aStepToldAlreadyIsToldAgainOnlyAsACorrection() {
        Recording.Told told = new Recording.Told(List.of(OPENED), List.of(entry(1, OPENED), entry(2, DECLINED), entry(3, OPENED)));

        assertThat(told.continuedBy(List.of(OPENED, DECLINED), DECLINE)).isEmpty();
    }

    @Test
    void anItemPlacedBeforeAnEntryOnRecordIsACorrection() {
        Fold.Step later = step(Status.PENDING_FIRST_REFUSAL, Rule.NON_MATERIAL_REVISION, "offer:2", T.plus(Duration.ofDays(3)));
        Recording.Told told = new Recording.Told(List.of(OPENED), List.of(entry(1, OPENED), entry(2, later), entry(3, OPENED)));

        assertThat(told.continuedBy(List.of(OPENED, DECLINED), DECLINE)).isEmpty();
    }

    private static Fold.Step step(Status status, Rule rule, String cause, Instant at) {
        Instant deadline = status.isOutstanding() ? T.plus(Duration.ofDays(14)) : null;
        return new Fold.Step(Decision.of(OFFER, status, rule, "why", deadline, at, "2025-01-21"), OFFER, cause, null);
    }

    private static HistoryEntry entry(long sequence, Fold.Step step) {
        return Recording.entry(sequence, step, step.cause(), null, T.plus(Duration.ofDays(30)));
    }
}
