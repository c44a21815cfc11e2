package firstrefusal.reference;

import java.time.Instant;
import java.util.List;

/** What the product answers (SPEC §4, §5, §11). */
public sealed interface Result {

    /** Refused, naming the message's JSON field; nothing is written. */
    record Refused(String field) implements Result {}

    /** The offer's decision (deadline null unless pending). */
    record Answered(String status, String rule, Instant decidedAt, Instant deadline, int revision, String policyVersion,
                    boolean duplicate, boolean late) implements Result {}

    /** The clock's summary: offer ids, sorted, that this tick lapsed, expired and released. */
    record TickDone(List<String> lapsed, List<String> expired, List<String> released) implements Result {}
}
