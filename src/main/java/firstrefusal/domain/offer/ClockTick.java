package firstrefusal.domain.offer;

import java.time.Instant;

/** A scheduled tick: {@code now} is the event's time. Lapses, expires and releases pending offers that are due. */
public record ClockTick(Instant now) implements Message {
}
