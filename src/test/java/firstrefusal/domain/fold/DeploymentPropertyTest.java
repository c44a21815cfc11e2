package firstrefusal.domain.fold;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Deployment;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.Terms;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What was decided stays decided (src/docs/contract.md, "Configuration takes effect when it is deployed"), as a
 * property: random records written under one deployment, then re-folded under a random later one (an amendment at a
 * random instant, before or after the deployment: first refusal kept or ended, pending offers kept or released, another
 * window; or AGI). Every offer folds to the decision on record; the clock of the later deployment changes only offers
 * still pending, and only by a release; nothing recorded becomes without effect. Replay a failure with
 * {@code -Ddeployments.seed=<seed>}.
 */
class DeploymentPropertyTest {

    private static final long SEED = Long.getLong("deployments.seed", System.nanoTime());
    private static final int OFFERS = Integer.getInteger("deployments.offers", 3_000);
    private static final Policy BASE = TestPolicies.defaultContract();
    private static final Instant ERA = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void everyDecisionRecordedBeforeALaterDeploymentKeepsItsStatusAndRule() {
        System.out.println("DeploymentPropertyTest seed " + SEED + " (replay with -Ddeployments.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Deployment first = new Deployment("first", Instant.parse("2026-01-01T00:00:00Z"), Agreement.of(BASE));
        Adjudicator underFirst = new Adjudicator(new Deployments(List.of(first), first));
        int released = 0;
        int kept = 0;
        for (int n = 0; n < OFFERS; n++) {
            Instant offered = ERA.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 120)));
            OfferRecord record = write(underFirst, "p-" + n, offered, random);
            Instant recordedUntil = java.util.stream.Stream.concat(record.log().stream().map(k -> k.recordedAt()),
                    record.history().stream().map(e -> e.decision().recordedAt())).max(Instant::compareTo).orElseThrow();
            Instant deployed = recordedUntil.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30)));
            Deployment later = new Deployment("later", deployed, laterAgreement(random, offered));
            Adjudicator underLater = new Adjudicator(new Deployments(List.of(first, later), later));
            String context = "seed " + SEED + ", offer " + n + ", deployed " + deployed + ", " + later.agreement().amendments();

            Fold.Folded refolded = underLater.fold().of(record);
            Decision recorded = record.state().decision();
            assertThat(refolded.decision().sameOutcomeAs(recorded)).as("%s: re-folded as %s, recorded as %s", context,
                    refolded.decision(), recorded).isTrue();
            assertThat(refolded.withoutEffect()).as("%s: nothing recorded becomes without effect", context)
                    .hasSameSizeAs(underFirst.fold().of(record).withoutEffect());

            Optional<Outcome.Changed> tick = underLater.onClock(record, deployed.plus(Duration.ofMinutes(1)), deployed);
            if (tick.isPresent()) {
                Decision after = tick.get().answer();
                boolean wasPending = recorded.status() == Status.PENDING_FIRST_REFUSAL;
                assertThat(wasPending).as("%s: only a pending offer changes at the later deployment's first tick", context).isTrue();
                if (after.rule() == Rule.RELEASED_BY_AMENDMENT || after.rule() == Rule.AGI_DECLARED) {
                    released++;
                    assertThat(after.decidedAt()).as("%s: never released before it was received", context)
                            .isAfterOrEqualTo(record.state().firstReceivedAt());
                }
            } else {
                kept++;
            }
        }
        System.out.printf("DeploymentPropertyTest: %d offers, %d released by the later deployment, %d unchanged%n", OFFERS, released, kept);
        assertThat(released).as("the corpus exercises releases").isPositive();
    }

    /** An offer, and a random few answers, withdrawals, revisions, notices and ticks, recorded in the order sent. */
    private static OfferRecord write(Adjudicator rules, String id, Instant offered, Random random) {
        Instant clock = offered;
        OfferRecord record = record(rules, null, Delivery.direct(Offers.offer(id).receivedAt(offered).startDate("2027-01-01")
                .validUntil(random.nextInt(5) == 0 ? offered.plus(Duration.ofDays(1 + random.nextInt(20))) : null).build()), clock);
        int steps = random.nextInt(5);
        for (int s = 0; s < steps && record != null; s++) {
            clock = clock.plus(Duration.ofHours(1 + random.nextInt(24 * 6)));
            Instant at = clock.minus(Duration.ofHours(random.nextInt(48)));
            LogItem item = switch (random.nextInt(6)) {
                case 0 -> new Notice(id, record.state().offer().revision(), at);
                case 1 -> Delivery.direct(new HolderResponse("r-" + id + "-" + s, id, "azure", random.nextBoolean() ? Answer.MATCH
                        : Answer.DECLINE, at));
                case 2 -> Delivery.direct(new Withdrawal(id, at));
                case 3 -> Delivery.direct(revision(record.state().offer(), random, at));
                default -> null;
            };
            if (item == null) {
                OfferRecord current = record;
                record = rules.onClock(current, clock, clock).map(change -> InMemoryRecords.after(current, change)).orElse(current);
                continue;
            }
            record = record(rules, record, item, clock);
        }
        return record;
    }

    private static CapacityOffer revision(CapacityOffer current, Random random, Instant at) {
        return Offers.offer(current.offerId()).revision(current.revision() + 1).receivedAt(at).startDate("2027-01-01")
                .price(random.nextBoolean() ? "1.90" : "2.09").gpus(current.gpus()).build();
    }

    private static OfferRecord record(Adjudicator rules, OfferRecord before, LogItem item, Instant recordedAt) {
        try {
            Outcome outcome = rules.decide(item, Optional.ofNullable(before), recordedAt);
            return outcome instanceof Outcome.Changed change ? InMemoryRecords.after(before, change) : before;
        } catch (InvalidMessageException refused) {
            return before;
        }
    }

    /** A later agreement: an amendment at a random instant near the offers, or AGI declared. */
    private static Agreement laterAgreement(Random random, Instant near) {
        Instant at = near.plus(Duration.ofDays(random.nextInt(40) - 20));
        if (random.nextInt(4) == 0) {
            return Agreement.of(BASE.toBuilder().agiDeclaredAt(Optional.of(at)).build());
        }
        Amendment.Changes changes = Amendment.Changes.none()
                .with(Terms.FIRST_REFUSAL_WINDOW, random.nextBoolean() ? Optional.of(Duration.ofDays(3 + random.nextInt(20))) : Optional.empty())
                .with(Terms.FIRST_REFUSAL, random.nextBoolean());
        return Agreement.of(BASE, List.of(new Amendment("later", at, changes,
                random.nextBoolean() ? Amendment.PendingOffers.RELEASE : Amendment.PendingOffers.KEEP, List.of())));
    }
}
