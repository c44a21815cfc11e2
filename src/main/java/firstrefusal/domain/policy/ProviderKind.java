package firstrefusal.domain.policy;

/** What a provider is to the contract (src/docs/contract.md, "The policy"). */
public enum ProviderKind {
    /** Holds first refusal and API exclusivity (Microsoft Azure in the default policy). */
    HOLDER,
    /** Any other cloud: its new capacity goes to the holder first. */
    THIRD_PARTY,
    /** Capacity the buyer builds itself (Stargate): carved out for research and training. */
    SELF_BUILD
}
