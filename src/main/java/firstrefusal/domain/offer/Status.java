package firstrefusal.domain.offer;

/** Where an offer stands (src/docs/contract.md, "Decisions"). Only {@link #PENDING_FIRST_REFUSAL} is outstanding. */
public enum Status {
    PENDING_FIRST_REFUSAL, APPROVED, REJECTED, MATCHED_BY_HOLDER, EXPIRED, WITHDRAWN;

    public boolean isOutstanding() {
        return this == PENDING_FIRST_REFUSAL;
    }
}
