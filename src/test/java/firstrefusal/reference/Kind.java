package firstrefusal.reference;

/** The kinds of provider an agreement lists (SPEC §2 `providers.ID.kind`). */
public enum Kind { HOLDER, THIRD_PARTY, SELF_BUILD }
