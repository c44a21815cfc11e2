package firstrefusal.dev;

import firstrefusal.adapters.in.DecideFunction;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The clock in {@code quarkus:dev}: every minute, on the minute, the {@code decide} function gets the
 * EventBridge Scheduled Event the deployed schedule sends, with the wall time as "now". Offers lapse,
 * expire and get their reminders while you watch, as they do on AWS.
 */
@IfBuildProfile("dev")
@Singleton
public class DevClock {

    private static final Logger LOG = Logger.getLogger(DevClock.class);

    private final DecideFunction decide;
    private final Clock clock;
    private ScheduledExecutorService ticker;

    public DevClock(DecideFunction decide, Clock clock) {
        this.decide = decide;
        this.clock = clock;
    }

    void start(@Observes @Priority(40) StartupEvent event) {
        Instant now = clock.instant();
        long untilNextMinute = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))).toMillis();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dev-clock"));
        ticker.scheduleAtFixedRate(this::tick, untilNextMinute, Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void tick() {
        String event = """
                {"version": "0", "id": "dev-clock", "detail-type": "Scheduled Event", "source": "aws.events",
                 "account": "000000000000", "time": "%s", "region": "us-east-1", "resources": [], "detail": {}}"""
                .formatted(clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MINUTES)); // on the minute, like a schedule
        try {
            decide.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            LOG.warn("The dev clock tick failed; the next one tries again", e);
        }
    }
}
