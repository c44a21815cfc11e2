package firstrefusal.page;

/** What every page shares: its inline stylesheet, how to link back to the root, and the policy in force. */
public record Frame(String css, String base, int refreshSeconds, String policyVersion, String holderName) {
}
