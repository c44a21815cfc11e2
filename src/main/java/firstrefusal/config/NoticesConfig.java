package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Reminders to the holder (src/docs/contract.md, "Reminders"), under {@code notices}. */
@ConfigMapping(prefix = "notices")
public interface NoticesConfig {

    /**
     * Leads before a deadline at which the clock reminds the holder, comma-separated ISO-8601 durations
     * (env {@code NOTICES_REMINDERS}); empty means none. Read by {@link firstrefusal.domain.offer.ReminderSchedule#parse}.
     */
    @WithDefault("P3D,PT24H")
    Optional<String> reminders();
}
