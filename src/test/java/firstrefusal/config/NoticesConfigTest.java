package firstrefusal.config;

import firstrefusal.app.Wiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.offer.ReminderSchedule;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** notices.reminders as start-up reads it: the default, an override, "empty means none", and a bad value naming the key. */
class NoticesConfigTest {

    @Test
    void byDefaultTheHolderIsRemindedThreeDaysAndOneDayAhead() {
        assertThat(leads(Map.of())).isEqualTo("P3D,PT24H");
    }

    @Test
    void anEnvironmentVariableOverridesTheLeads() {
        assertThat(leads(Map.of("NOTICES_REMINDERS", "PT12H"))).isEqualTo("PT12H");
    }

    @Test
    void anEmptyEnvironmentVariableMeansNoReminders() {
        assertThat(leads(Map.of("NOTICES_REMINDERS", ""))).isEmpty();
    }

    @Test
    void anInvalidValueStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> leads(Map.of("NOTICES_REMINDERS", "P3D,tomorrow")))
                .hasMessageStartingWith("Invalid notices.reminders: 'tomorrow'");
    }

    /** The same path as start-up: environment-style names over the mapping's default, then Wiring's parse. */
    private static String leads(Map<String, String> environment) {
        NoticesConfig config = new SmallRyeConfigBuilder()
                .withMapping(NoticesConfig.class)
                .withSources(new io.smallrye.config.EnvConfigSource(environment, 300))
                .build()
                .getConfigMapping(NoticesConfig.class);
        return String.join(",", new Wiring().reminders(config).leads().stream().map(ReminderSchedule.Lead::text).toList());
    }

}
