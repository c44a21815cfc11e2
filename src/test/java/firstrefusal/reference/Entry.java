package firstrefusal.reference;

import java.time.Instant;

/**
 * One entry of an offer's history, never rewritten (SPEC §4, §11). {@code sequence} counts 1, 2, ... per offer;
 * {@code corrects} is set only on a correction; {@code deadline} only while the offer is pending.
 */
public record Entry(long sequence, String status, String rule, Instant decidedAt, Instant deadline, int revision,
                    String policyVersion, Long corrects, Instant recordedAt) {}
