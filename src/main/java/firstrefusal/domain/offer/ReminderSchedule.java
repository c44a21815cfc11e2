package firstrefusal.domain.offer;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When the holder is reminded of a pending offer (leads such as {@code P3D,PT24H}): once
 * a clock tick finds the deadline at most a lead away, one reminder per offer revision and lead, never twice.
 * A reminder is a notice, not a decision: it changes neither the status nor the history.
 */
public record ReminderSchedule(List<Lead> leads) {

    public static final ReminderSchedule NONE = new ReminderSchedule(List.of());

    /** How long before the deadline a reminder goes out; {@code text} as configured, since event ids carry it. */
    public record Lead(String text, Duration duration) {
    }

    public ReminderSchedule {
        leads = leads.stream().sorted(Comparator.comparing(Lead::duration).reversed()).toList();
    }

    /**
     * Reads a list of leads, comma-separated ISO-8601 durations; blank means no reminders.
     *
     * @throws IllegalArgumentException naming the lead at fault
     */
    public static ReminderSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Lead> leads = new ArrayList<>();
        Set<Duration> seen = new HashSet<>();
        for (String part : text.split(",", -1)) {
            String lead = part.trim();
            Duration duration;
            try {
                duration = Duration.parse(lead);
            } catch (DateTimeParseException e) {
                throw invalid("'" + lead + "' is not an ISO-8601 duration such as P3D or PT24H (in '" + text + "')");
            }
            if (!duration.isPositive()) {
                throw invalid("'" + lead + "' must be a positive duration (in '" + text + "')");
            }
            if (!seen.add(duration)) {
                throw invalid("'" + lead + "' repeats a lead already listed (in '" + text + "')");
            }
            leads.add(new Lead(lead, duration));
        }
        return new ReminderSchedule(leads);
    }

    /** The longest lead: how far ahead of now the clock must look for deadlines. */
    public Duration horizon() {
        return leads.isEmpty() ? Duration.ZERO : leads.getFirst().duration();
    }

    /**
     * The leads due for a pending offer at {@code now}, longest first: its notice recorded, the deadline still ahead, at
     * most the lead away, not yet sent for this revision and deadline.
     */
    public List<Lead> dueFor(OfferState state, Instant now) {
        if (!state.isOutstanding() || state.awaitsNotice()) {
            return List.of(); // a provisional deadline is nothing to remind of: the holder may not know of the offer yet
        }
        Instant deadline = state.decision().firstRefusalDeadline();
        if (!deadline.isAfter(now)) {
            return List.of();
        }
        Duration left = Duration.between(now, deadline);
        return leads.stream()
                .filter(lead -> lead.duration().compareTo(left) >= 0)
                .filter(lead -> !state.remindersSent().contains(lead.text()))
                .toList();
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(problem);
    }
}
