package firstrefusal.domain.record;

/**
 * Where each digest is kept out of the operator's reach (an S3 bucket with Object Lock in compliance mode): once written,
 * nobody can change or delete it until its retention ends.
 */
public interface DigestArchive {

    /** Whether digests are archived at all; none is configured in dev mode unless asked for. */
    boolean configured();

    /** Writes the digest's JSON (its five fields and its hash); writing the same digest again changes nothing. */
    void archive(Digest digest);

    /** No archive: the table and the bus keep the digest. */
    DigestArchive NONE = new DigestArchive() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public void archive(Digest digest) {
            throw new IllegalStateException("no digest archive is configured");
        }
    };
}
