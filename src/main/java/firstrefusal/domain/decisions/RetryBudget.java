package firstrefusal.domain.decisions;

/**
 * Whether there is still time to decide a message again after a lost race. A message is decided with a read and a
 * write; when another event wrote first, it is read and decided again. Each attempt costs up to two store calls, so
 * whoever runs the service under a deadline (a Lambda invocation) says when another attempt would no longer fit:
 * the message then fails as it stands, unwritten, and its redelivery decides it against the record as it is by then.
 */
@FunctionalInterface
public interface RetryBudget {

    /** No deadline: only the service's own limit on attempts applies. */
    RetryBudget UNBOUNDED = () -> true;

    boolean allowsAnotherAttempt();
}
