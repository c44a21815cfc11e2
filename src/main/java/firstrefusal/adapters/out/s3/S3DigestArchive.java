package firstrefusal.adapters.out.s3;

import firstrefusal.domain.record.Digest;
import firstrefusal.domain.record.DigestArchive;
import firstrefusal.wire.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Digests to an S3 bucket with Object Lock ({@code record.digest-bucket}): each as {@code digests/<digestId>.json}, its
 * JSON with its hash, locked in compliance mode for the retention configured, so neither the operator nor the account's
 * root can change or delete it before then. A bucket without Object Lock refuses the write, rather than take an
 * unlocked copy.
 */
public record S3DigestArchive(S3Client s3, String bucket, Duration retention, Clock clock) implements DigestArchive {

    public static String key(long digestId) {
        return "digests/" + digestId + ".json";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public void archive(Digest digest) {
        String key = key(digest.digestId());
        if (exists(key)) {
            return; // written by an earlier tick whose record of it was lost: a locked copy cannot be written over anyway
        }
        byte[] json = RecordJson.digest(digest).toString().getBytes(StandardCharsets.UTF_8);
        // Whole seconds: a retention needs no finer, and S3-compatible servers read no finer.
        Instant until = clock.instant().plus(retention).truncatedTo(ChronoUnit.SECONDS);
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json")
                .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until), RequestBody.fromBytes(json));
    }

    private boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
