package firstrefusal.adapters.out.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.record.Digest;
import firstrefusal.domain.record.DigestLeaf;
import firstrefusal.domain.record.DigestTree;
import firstrefusal.support.LocalS3;
import firstrefusal.wire.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Digests go to a bucket with Object Lock, on a real S3-compatible server (moto in server mode): each as its JSON, locked
 * in compliance mode until its retention ends, so deleting it fails; written once however often it is tried; and a
 * bucket without Object Lock refuses it rather than keep an unlocked copy.
 */
class S3DigestArchiveTest {

    private static final Instant NOW = Instant.parse("2026-12-06T14:00:00.123456789Z");
    private static final Digest DIGEST = Digest.of(7, NOW, null,
            DigestTree.of(List.of(new DigestLeaf("oracle-abilene-1", 3, "ab".repeat(32)))));

    private static LocalS3 s3;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static S3DigestArchive archive(String bucket) {
        return new S3DigestArchive(s3.client(), bucket, Duration.ofDays(3653), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aDigestIsKeptAsItsJsonLockedInComplianceModeUntilItsRetentionEnds() {
        String bucket = s3.lockedBucket("digests-kept", 3653);

        archive(bucket).archive(DIGEST);

        String key = S3DigestArchive.key(7);
        assertThat(key).isEqualTo("digests/7.json");
        String stored = s3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(RecordJson.digest(DIGEST).toString());
        HeadObjectResponse head = s3.client().headObject(h -> h.bucket(bucket).key(key));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isAfter(NOW.plus(Duration.ofDays(3652)));
        assertThatThrownBy(() -> s3.client().deleteObject(d -> d.bucket(bucket).key(key).versionId(head.versionId())))
                .as("not even the account's root deletes a locked digest early").isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(s3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8)).isEqualTo(stored);
    }

    @Test
    void aDigestArchivedAgainIsNotWrittenTwice() {
        String bucket = s3.lockedBucket("digests-again", 3653);

        archive(bucket).archive(DIGEST);
        archive(bucket).archive(DIGEST);

        assertThat(s3.client().listObjectVersions(l -> l.bucket(bucket)).versions()).hasSize(1);
    }

    @Test
    void aBucketWithoutObjectLockRefusesTheDigest() {
        s3.client().createBucket(b -> b.bucket("digests-unlocked"));

        assertThatThrownBy(() -> archive("digests-unlocked").archive(DIGEST)).isInstanceOf(S3Exception.class)
                .hasMessageContaining("ObjectLockConfiguration");
        assertThat(s3.client().listObjectsV2(l -> l.bucket("digests-unlocked")).contents()).isEmpty();
    }
}
