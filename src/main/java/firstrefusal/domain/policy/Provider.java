package firstrefusal.domain.policy;

/** A provider the policy knows; offers from anyone else are invalid. */
public record Provider(String id, String name, ProviderKind kind) {
}
