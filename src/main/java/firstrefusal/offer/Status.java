package firstrefusal.offer;

/** Where an offer stands (SPEC §4). Only {@link #PENDING_FIRST_REFUSAL} is outstanding. */
public enum Status {
    PENDING_FIRST_REFUSAL, APPROVED, REJECTED, MATCHED_BY_HOLDER, EXPIRED, WITHDRAWN;

    public boolean isOutstanding() {
        return this == PENDING_FIRST_REFUSAL;
    }
}
