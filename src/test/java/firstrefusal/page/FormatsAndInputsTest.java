package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.ProviderKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The page's one way of writing values for people, and of reading back what people type. */
class FormatsAndInputsTest {

    @Test
    void decimalsKeepTheirScaleAndGainSeparators() {
        assertThat(Formats.plain(new BigDecimal("2.10"))).isEqualTo("2.10");
        assertThat(Formats.plain(new BigDecimal("1200.50"))).isEqualTo("1,200.50");
        assertThat(Formats.plain(new BigDecimal("100000"))).isEqualTo("100,000");
        assertThat(Formats.plain(new BigDecimal("-1234.5"))).isEqualTo("-1,234.5");
        assertThat(Formats.usd(new BigDecimal("16819200000"))).isEqualTo("$16,819,200,000.00");
        assertThat(Formats.usd(new BigDecimal("2.105"))).isEqualTo("$2.105");
    }

    @Test
    void reasonsReadWithThePagesTimesAndLengthsOfTime() {
        assertThat(Formats.readable("told at 2026-11-20T15:00:00Z, after notice-grace PT1H; window P14D"))
                .isEqualTo("told at 2026-11-20 15:00 UTC, after notice-grace 1 hour; window 14 days");
        assertThat(Formats.words(Duration.ofHours(36))).isEqualTo("1 day 12 hours");
        assertThat(Formats.words(Duration.ofMinutes(10))).isEqualTo("10 minutes");
    }

    @Test
    void aSentenceIsEscapedAndItsTimesKeptOnOneLine() {
        assertThat(Formats.nowrapTimes("by 2026-11-20 15:00 UTC, <b>'x'</b> & \"y\"").toString())
                .isEqualTo("by <span class=\"t\">2026-11-20 15:00 UTC</span>, &lt;b&gt;&#39;x&#39;&lt;/b&gt; &amp; &quot;y&quot;");
    }

    @Test
    void everyCodeHasWords() {
        Arrays.stream(Status.values()).forEach(s -> assertThat(Labels.label(s)).as("%s", s).isNotBlank());
        Arrays.stream(Rule.values()).forEach(r -> assertThat(Labels.label(r)).as("%s", r).isNotBlank());
        Arrays.stream(Workload.values()).forEach(w -> assertThat(Labels.label(w)).as("%s", w).isNotBlank());
        Arrays.stream(ProviderKind.values()).forEach(k -> assertThat(Labels.label(k)).as("%s", k).isNotBlank().doesNotContain("_"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2026-12-01,                 2026-12-01T00:00:00Z",
        "2026-12-01 15:00 UTC,       2026-12-01T15:00:00Z",
        "2026-12-01 15:00,           2026-12-01T15:00:00Z",
        "2026-12-01 15:00:30 UTC,    2026-12-01T15:00:30Z",
        "2026-12-01T15:00:00Z,       2026-12-01T15:00:00Z",
        "2026-12-01T16:00:00+01:00,  2026-12-01T15:00:00Z"})
    void instantsAreReadInThePagesFormatOrIso(String typed, String instant) {
        assertThat(Inputs.instant("asOf", typed, false)).isEqualTo(Instant.parse(instant));
    }

    @Test
    void theEndOfARangeGivenAsADayIsThatWholeDay() {
        assertThat(Inputs.instant("to", "2026-01-01", true)).isEqualTo(Instant.parse("2026-01-01T23:59:59.999Z"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"7 days, P7D", "7d, P7D", "1 day 12 hours, PT36H", "36h, PT36H", "90 minutes, PT1H30M", "P14D, P14D", "pt10m, PT10M"})
    void lengthsOfTimeAreReadInDaysAndHoursOrIso(String typed, String duration) {
        assertThat(Inputs.duration("first-refusal-window", typed)).isEqualTo(Duration.parse(duration));
    }

    @Test
    void whatCannotBeReadIsRefusedNamingTheFieldAndEchoingWhatWasTyped() {
        assertThatThrownBy(() -> Inputs.instant("asOf", "next <b>week</b>", false)).isInstanceOf(BadRequest.class)
                .hasMessage("asOf: must be a date such as 2026-12-01 or a time such as 2026-12-01 15:00 UTC, was 'next <b>week</b>'");
        assertThatThrownBy(() -> Inputs.duration("clock-grace", "-P7D")).hasMessage("clock-grace: must be longer than no time, was '-P7D'");
        assertThatThrownBy(() -> Inputs.duration("clock-grace", "7 fortnights"))
                .hasMessageStartingWith("clock-grace: must be a length of time such as 7 days").hasMessageEndingWith("was '7 fortnights'");
        assertThatThrownBy(() -> Inputs.duration("clock-grace", "99999999999999999999 days")).isInstanceOf(BadRequest.class);
    }
}
