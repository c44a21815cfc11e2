package firstrefusal.page;

/**
 * What every page shares: its inline stylesheet, how to link back to the root, the version of the agreement in force,
 * and who is signed in (null when the request came without sign-in, as through the IAM-authenticated Function URL).
 */
public record Frame(String css, String base, int refreshSeconds, String policyVersion, String holderName, String signedInAs) {
}
