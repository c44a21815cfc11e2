package firstrefusal.domain.decisions;

import java.time.Instant;

/**
 * Bounded work a clock tick does after deciding its pending offers: a commitment's recount, a digest of the record. Each
 * does a little at a time and resumes where it stopped, so a tick stays short whatever the size of the record.
 */
public interface ClockChore {

    void onTick(Instant now);
}
