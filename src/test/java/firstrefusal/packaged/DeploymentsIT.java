package firstrefusal.packaged;

import static firstrefusal.packaged.AwsEvents.answer;
import static firstrefusal.packaged.AwsEvents.eventBridge;
import static firstrefusal.packaged.AwsEvents.offer;
import static firstrefusal.packaged.AwsEvents.tick;
import static firstrefusal.packaged.AwsEvents.withdrawal;
import static firstrefusal.packaged.PackagedStack.instant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Configuration takes effect when it is deployed (src/docs/contract.md), through the packaged zip under the runtime
 * client: offers recorded by a first deployment under the base agreement, then a second deployment, on the same table,
 * with an amendment whose instant lies in the past (no first refusal, pending offers released, another holder account, a
 * commitment to the holder). What the first recorded stays; what the second records follows the amendment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentsIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant OFFERED = NOW.minus(Duration.ofDays(10));
    private static final Instant AMENDED = NOW.minus(Duration.ofDays(30));
    private static final String OLD_ACCOUNT = "111111111111";
    private static final String NEW_ACCOUNT = "222222222222";

    private PackagedStack stack;
    private Instant secondDeployed;
    private String responseIdReused;

    @BeforeAll
    void twoDeploymentsOnOneTable() {
        stack = new PackagedStack("deployments-it");
        stack.redeploy(Map.of("POLICY_HOLDER_ACCOUNT", OLD_ACCOUNT));
        // The first deployment: the base agreement.
        stack.decideOk(offer("dep-matched", "oracle", OFFERED, 10_000));
        stack.decideOk(offer("dep-pending", "oracle", OFFERED, 20_000));
        stack.decideOk(offer("dep-declined", "google", OFFERED, 30_000));
        stack.decideOk(offer("dep-other", "coreweave", OFFERED, 40_000));
        JsonNode own = stack.decideOk(offer("dep-own", "azure", OFFERED, 50_000));
        assertThat(own.path("rule").asText()).isEqualTo("HOLDER_CAPACITY");
        stack.pumpNotify();
        Instant answered = OFFERED.plus(Duration.ofDays(1));
        stack.decideOk(eventBridge("Holder Response", OLD_ACCOUNT, NOW, answer("r-dep-1", "dep-matched", "MATCH", answered)));
        stack.decideOk(eventBridge("Holder Response", OLD_ACCOUNT, NOW, answer("r-dep-2", "dep-declined", "DECLINE", answered)));
        responseIdReused = stack.decideRefused(answer("r-dep-1", "dep-other", "DECLINE", answered));
        stack.pumpNotify();

        stack.redeploy(Map.of(
                "POLICY_HOLDER_ACCOUNT", OLD_ACCOUNT,
                "POLICY_AMENDMENTS_0__VERSION", "amended",
                "POLICY_AMENDMENTS_0__EFFECTIVE_FROM", AMENDED.toString(),
                "POLICY_AMENDMENTS_0__FIRST_REFUSAL", "false",
                "POLICY_AMENDMENTS_0__PENDING_OFFERS", "release",
                "POLICY_AMENDMENTS_0__HOLDER_ACCOUNT", NEW_ACCOUNT,
                "POLICY_AMENDMENTS_0__COMMITMENTS_0__PROVIDER", "azure",
                "POLICY_AMENDMENTS_0__COMMITMENTS_0__AMOUNT_USD", "1000000000000",
                "POLICY_AMENDMENTS_0__COMMITMENTS_0__FROM", AMENDED.toString()));
        secondDeployed = Instant.now();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void whatTheFirstDeploymentRecordedStaysAndTheSecondJudgesWhatComesAfterIt() {
        // Before any tick of the second deployment, its page already says it is recounting the new commitment.
        JsonNode before = stack.pageJson("/api/agreement");
        assertThat(before.path("inForce").asText()).isEqualTo("amended");
        assertThat(before.path("commitments").get(0).path("recounting").asBoolean()).isTrue();
        assertThat(before.path("deployments")).hasSize(2);

        // The first tick releases the offer still pending, as of its opening (never the amendment's earlier instant).
        JsonNode summary = stack.decideOk(tick(NOW.plus(Duration.ofMinutes(1))));
        assertThat(summary.path("released")).extracting(JsonNode::asText).containsExactlyInAnyOrder("dep-pending", "dep-other");
        JsonNode released = stack.pageJson("/offers/dep-pending").path("decision");
        assertThat(released.path("rule").asText()).isEqualTo("RELEASED_BY_AMENDMENT");
        assertThat(released.path("policyVersion").asText()).isEqualTo("amended");
        assertThat(instant(released.path("decidedAt"))).as("not before the offer was received, nor before what was recorded")
                .isAfterOrEqualTo(OFFERED).isBefore(secondDeployed);

        // A matched offer stays matched, nothing it recorded becomes without effect, and it cannot be withdrawn now.
        JsonNode matched = stack.pageJson("/offers/dep-matched");
        assertThat(matched.path("decision").path("rule").asText()).isEqualTo("HOLDER_MATCHED");
        assertThat(matched.path("withoutEffect")).isEmpty();
        assertThat(stack.decideRefused(withdrawal("dep-matched", NOW.plus(Duration.ofMinutes(2)))))
                .startsWith("offerId:").contains("MATCHED_BY_HOLDER");
        // A declined offer stays declined.
        assertThat(stack.pageJson("/offers/dep-declined").path("decision").path("rule").asText()).isEqualTo("HOLDER_DECLINED");

        // A new offer after the deployment gets the amendment's rule.
        JsonNode fresh = stack.decideOk(offer("dep-new", "oracle", NOW, 1_000));
        assertThat(fresh.path("rule").asText()).isEqualTo("NO_FIRST_REFUSAL");
        assertThat(fresh.path("policyVersion").asText()).isEqualTo("amended");

        // The holder account follows the version in force: the old one is refused by name, the new one gets past it.
        assertThat(stack.decideRefused(eventBridge("Holder Response", OLD_ACCOUNT, NOW,
                answer("r-dep-3", "dep-new", "MATCH", NOW.plus(Duration.ofMinutes(3)))))).startsWith("account:").contains(NEW_ACCOUNT);
        assertThat(stack.decideRefused(eventBridge("Holder Response", NEW_ACCOUNT, NOW,
                answer("r-dep-3", "dep-new", "MATCH", NOW.plus(Duration.ofMinutes(3)))))).startsWith("offerId:");

        // The commitment counts the holder's own capacity and the match that only the first deployment's notify saw.
        stack.pumpNotify();
        JsonNode commitment = stack.pageJson("/api/agreement").path("commitments").get(0);
        assertThat(commitment.path("recounting").asBoolean()).as("the tick recounted it").isFalse();
        BigDecimal perGpu = new BigDecimal("2.35").multiply(BigDecimal.valueOf(730 * 36));
        assertThat(commitment.path("contractedUsd").decimalValue())
                .isEqualByComparingTo(perGpu.multiply(BigDecimal.valueOf(50_000 + 10_000)));
    }

    @Test
    void aResponseIdUsedForOneOfferWasRefusedForAnotherAndWroteNothing() {
        assertThat(responseIdReused).startsWith("responseId: response r-dep-1 was already received for offer dep-matched");
        assertThat(stack.pageJson("/offers/dep-other").path("history")).extracting(h -> h.path("rule").asText())
                .doesNotContain("HOLDER_DECLINED");
    }
}
