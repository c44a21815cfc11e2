package firstrefusal.reference;

/** What the fold made of one kept message; {@code lapse} is the lapse a late answer gets back (SPEC §4). */
record Verdict(Effect effect, String field, Decision lapse) {

    /** REFUSED names a field; a new message so judged is refused, a kept one stays on record without effect (§11). */
    enum Effect { APPLIED, NO_EFFECT, LATE, ALREADY_WITHDRAWN, REFUSED }

    static Verdict of(Effect effect) {
        return new Verdict(effect, null, null);
    }

    static Verdict refused(String field) {
        return new Verdict(Effect.REFUSED, field, null);
    }
}
