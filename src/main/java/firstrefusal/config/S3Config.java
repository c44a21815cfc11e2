package firstrefusal.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/**
 * The S3 client the clock copies digests with, under the standard {@code quarkus.s3} keys the Quarkiverse S3 extension
 * reads (which does not resolve for this Quarkus here, so the SDK's client is built from them in {@code app.AwsWiring}): a local
 * S3-compatible server in tests by its endpoint and path-style access, and static credentials; in Lambda, the region and
 * credentials of its environment. No defaults here: Quarkus takes a default under {@code quarkus.} that no extension
 * declares for a key someone set, and warns of it at every start.
 */
@ConfigMapping(prefix = "quarkus.s3")
public interface S3Config {

    Optional<URI> endpointOverride();

    /** Path-style addresses ({@code endpoint/bucket/key}), as a local server wants; unset, virtual-hosted ones. */
    Optional<Boolean> pathStyleAccess();

    Aws aws();

    interface Aws {

        /** Unset: the function's own ({@code AWS_REGION}). */
        Optional<String> region();

        Credentials credentials();
    }

    interface Credentials {

        /** {@code static} for a local server's keys; unset or anything else reads the environment, as in Lambda. */
        Optional<String> type();

        StaticProvider staticProvider();
    }

    interface StaticProvider {

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }
}
