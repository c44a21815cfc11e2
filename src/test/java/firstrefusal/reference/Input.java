package firstrefusal.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the product takes in (SPEC §3, §8, §11). {@code arrival} is the queue's stamp, null for a direct invocation;
 * {@code account} is the EventBridge envelope's account, null for a bare message.
 */
public sealed interface Input {

    record Offer(String offerId, int revision, String provider, int gpus, Integer megawatts, String region, String workload,
                 LocalDate startDate, int termMonths, BigDecimal price, Instant validUntil, Instant receivedAt,
                 String customer, Instant arrival) implements Input {}

    /** {@code answer} is MATCH or DECLINE; {@code revision} may be null (then: the window in force). */
    record Answer(String responseId, String offerId, String responder, String answer, Instant respondedAt,
                  Integer revision, Instant arrival, String account) implements Input {}

    record Withdrawal(String offerId, Instant withdrawnAt, Instant arrival) implements Input {}

    /** notify recorded that the holder was told of the window opened by {@code revision}, at {@code sentAt} (§11). */
    record Notice(String offerId, int revision, Instant sentAt) implements Input {}

    /** A clock tick: {@code now} is the scheduled event's time (§3). */
    record Tick(Instant now) implements Input {}
}
