package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The record's digests (src/docs/contract.md, "A record that proves itself"), under {@code record}. */
@ConfigMapping(prefix = "record")
public interface RecordConfig {

    /** How long the clock waits after a digest before the next one (env {@code RECORD_DIGEST_INTERVAL}). */
    @WithDefault("PT1H")
    Duration digestInterval();

    /**
     * The S3 bucket, with Object Lock in compliance mode, each digest is copied to as {@code digests/<digestId>.json}
     * (env {@code RECORD_DIGEST_BUCKET}); unset, no copy is made. The client takes the {@code quarkus.s3.*} keys
     * ({@link S3Config}).
     */
    Optional<String> digestBucket();

    /** How long each copy is locked, in days (env {@code RECORD_DIGEST_RETENTION_DAYS}); the template's default retention. */
    @WithDefault("3653")
    int digestRetentionDays();
}
