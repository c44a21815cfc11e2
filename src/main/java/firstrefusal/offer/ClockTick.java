package firstrefusal.offer;

import static firstrefusal.offer.Fields.present;

import java.time.Instant;

/** A scheduled tick: {@code now} is the event's time. Lapses and expires pending offers that are due. */
public record ClockTick(Instant now) implements Message {

    public ClockTick {
        present("time", now);
    }
}
