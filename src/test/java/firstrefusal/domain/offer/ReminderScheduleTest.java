package firstrefusal.domain.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** notices.reminders: which leads are due for a pending offer at a tick, and what the setting accepts. */
class ReminderScheduleTest {

    private static final ReminderSchedule DEFAULT = ReminderSchedule.parse("P3D,PT24H");
    private static final Instant DEADLINE = Offers.DEADLINE;

    @ParameterizedTest(name = "{0} before the deadline, already sent [{1}]: due {2}")
    @CsvSource(delimiter = '|', value = {
            // time left | sent       | due
            "P4D         |            | ''",
            "P3D         |            | P3D",
            "PT72H1S     |            | ''",
            "PT36H       |            | P3D",
            "PT36H       | P3D        | ''",
            "PT24H       | P3D        | PT24H",
            "PT23H       |            | P3D PT24H",
            "PT1S        | P3D PT24H  | ''",
            "PT0S        |            | ''",
            "-PT5M       |            | ''"})
    void aLeadIsDueOnceTheDeadlineIsAtMostThatFarAndOnlyIfNotSent(String left, String sent, String due) {
        OfferState pending = pending(sent == null ? Set.of() : Set.of(sent.split(" ")));
        Instant now = DEADLINE.minus(Duration.parse(left));

        assertThat(DEFAULT.dueFor(pending, now)).extracting(ReminderSchedule.Lead::text)
                .containsExactlyElementsOf(due.isEmpty() ? List.of() : List.of(due.split(" ")));
    }

    @Test
    void aDecidedOfferGetsNoReminder() {
        OfferState pending = pending(Set.of());
        Decision matched = new Decision(pending.offerId(), 1, "oracle", Status.MATCHED_BY_HOLDER, Rule.HOLDER_MATCHED, "",
                DEADLINE, false, DEADLINE.minus(Duration.ofDays(1)), "v", false, false);
        OfferState decided = new OfferState(pending.offer(), matched, pending.window(), 2, 2, Set.of(), pending.firstReceivedAt(),
                Optional.empty(), null);

        assertThat(DEFAULT.dueFor(decided, DEADLINE.minus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void leadsKeepTheirTextAsWrittenLongestFirst() {
        ReminderSchedule schedule = ReminderSchedule.parse(" PT6H , P2D,PT24H ");

        assertThat(schedule.leads()).extracting(ReminderSchedule.Lead::text).containsExactly("P2D", "PT24H", "PT6H");
        assertThat(schedule.horizon()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void blankMeansNoReminders() {
        assertThat(ReminderSchedule.parse("").leads()).isEmpty();
        assertThat(ReminderSchedule.parse("  ").horizon()).isZero();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "3 days       | '3 days' is not an ISO-8601 duration",
            "P3D,,PT24H   | '' is not an ISO-8601 duration",
            "PT0S         | 'PT0S' must be a positive duration",
            "-PT1H        | '-PT1H' must be a positive duration",
            "P1D,PT24H    | 'PT24H' repeats a lead already listed"})
    void anInvalidListIsRefusedNamingTheEntry(String text, String problem) {
        // The configuration adds its key (NoticesConfigTest): the domain names the lead at fault.
        assertThatThrownBy(() -> ReminderSchedule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(problem);
    }

    private static OfferState pending(Set<String> sent) {
        CapacityOffer offer = Offers.offer("reminded-1").build();
        Decision decision = Decision.of(offer, Status.PENDING_FIRST_REFUSAL, Rule.FIRST_REFUSAL_REQUIRED, "", DEADLINE,
                offer.receivedAt(), "v");
        Window window = Window.open(offer.terms(), offer.receivedAt(), TestPolicies.defaultContract()).noticed(offer.receivedAt());
        return new OfferState(offer, decision, window, 1, 1, sent, offer.receivedAt(), Optional.empty(), null);
    }

    @Test
    void aWindowWhoseNoticeIsNotRecordedGetsNoReminder() {
        OfferState noticed = pending(Set.of());
        OfferState unnoticed = new OfferState(noticed.offer(), noticed.decision(), noticed.window().asOpened(), 1, 1, Set.of(),
                noticed.firstReceivedAt(), Optional.empty(), null);

        assertThat(DEFAULT.dueFor(noticed, DEADLINE.minus(Duration.ofHours(1)))).isNotEmpty();
        assertThat(DEFAULT.dueFor(unnoticed, DEADLINE.minus(Duration.ofHours(1)))).isEmpty();
    }
}
