package firstrefusal.domain.record;

/**
 * The first thing in a record or its proof that does not hold: an item, named by its seq, or a digest, named by its id.
 * The message is the one the proof, the offer's page and the offline verifier show, e.g.
 * {@code seq 3: hash does not match its canonical form}.
 */
public record Mismatch(Subject subject, long number, String problem) {

    /** What a mismatch names. */
    public enum Subject {
        SEQ("seq"), DIGEST("digest");

        private final String label;

        Subject(String label) {
            this.label = label;
        }
    }

    public static Mismatch seq(long seq, String problem) {
        return new Mismatch(Subject.SEQ, seq, problem);
    }

    public static Mismatch digest(long digestId, String problem) {
        return new Mismatch(Subject.DIGEST, digestId, problem);
    }

    public String message() {
        return subject.label + " " + number + ": " + problem;
    }
}
