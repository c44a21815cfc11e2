package firstrefusal.page;

import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.ShippedAmendments;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A Quarkus test of the page over records of its own ({@link PageStory}), through the application's DynamoDB client,
 * under its configured policy and page settings: the dev demo's record under the base agreement, or a record across the
 * 2025-10-28 revision with the revision in the agreement.
 */
abstract class OnPageStories {

    @Inject
    DynamoDbClient client;

    @Inject
    Policy policy;

    @Inject
    StatusPageConfig config;

    /** Offers from every provider, pending and decided, under the base agreement (the caller closes it). */
    PageStory demo() {
        return PageStory.demo(client, Agreement.of(policy), config);
    }

    /** The revision in the agreement: an offer matched before it, the holder's own capacity and a third party's after it. */
    PageStory revised() {
        Agreement agreement = Agreement.of(policy, List.of(ShippedAmendments.named(ShippedAmendments.REVISION_2025_10_28, policy).orElseThrow()));
        PageStory story = PageStory.empty(client, agreement, config, "revised-story");
        story.offer("before-revision", "oracle", 64_000, "200", Workload.TRAINING, "2.10", null, ago("2025-09-01T10:00:00Z"));
        story.answer("before-revision", Answer.MATCH, ago("2025-09-04T10:00:00Z"));
        story.offer("azure-fairwater-9", "azure", 200_000, "400", Workload.TRAINING, "2.40", null, ago("2025-11-03T10:00:00Z"),
                java.time.LocalDate.parse("2026-03-01"));
        story.offer("oracle-after-revision", "oracle", 64_000, "200", Workload.TRAINING, "2.10", null, ago("2025-11-04T10:00:00Z"));
        story.tallied();
        return story;
    }

    /** How long before the page's clock ({@link PageStory#NOW}) an instant is. */
    static Duration ago(String instant) {
        return Duration.between(Instant.parse(instant), PageStory.NOW);
    }
}
