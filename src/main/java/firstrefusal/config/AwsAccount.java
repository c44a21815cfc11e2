package firstrefusal.config;

import firstrefusal.domain.policy.InvalidPolicyException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The holder's account as AWS writes one: twelve digits, as EventBridge puts it in an event's {@code account}. The domain
 * only compares it; what an AWS account id looks like is checked here, where the setting is read.
 */
public final class AwsAccount {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private AwsAccount() {
    }

    /** The account as configured, when it is one; an error naming {@code term} otherwise. */
    public static Optional<String> checked(Optional<String> account, String term) {
        account.filter(a -> !ACCOUNT.matcher(a).matches()).ifPresent(a -> {
            throw new InvalidPolicyException(term, "must be a 12-digit AWS account id, was " + a);
        });
        return account;
    }
}
