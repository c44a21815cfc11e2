package firstrefusal.domain.offer;

/** The holder's answer to a first-refusal request. */
public enum Answer {
    /** The holder takes the capacity on the offered terms. */
    MATCH,
    /** The holder passes: the buyer may go to the third party. */
    DECLINE
}
