package firstrefusal.page;

/**
 * What every page shares: its inline stylesheet, how to link back to the root, the version of the agreement in force,
 * and who is signed in (null when the request came without sign-in, as through the IAM-authenticated Function URL).
 * No page reloads itself: a reader who wants a fresher status page follows its "refresh" link (WCAG 2.2.1).
 */
public record Frame(String css, String base, String policyVersion, String holderName, String signedInAs) {
}
