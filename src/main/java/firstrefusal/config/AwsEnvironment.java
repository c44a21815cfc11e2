package firstrefusal.config;

import java.util.Optional;

/**
 * The standard AWS environment a function runs in: Lambda sets {@code AWS_REGION}; a local run may give the SDK's
 * {@code aws.region} system property instead. The one place the code works out the region (the DynamoDB client reads
 * the same variable through {@code quarkus.dynamodb.aws.region}, see application.properties).
 */
public final class AwsEnvironment {

    private static final String DEFAULT_REGION = "us-east-1";

    private AwsEnvironment() {
    }

    public static String region() {
        return Optional.ofNullable(System.getenv("AWS_REGION")).or(() -> Optional.ofNullable(System.getProperty("aws.region")))
                .orElse(DEFAULT_REGION);
    }
}
