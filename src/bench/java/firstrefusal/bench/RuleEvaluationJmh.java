package firstrefusal.bench;

import firstrefusal.support.InMemoryRecords;

import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.NewOfferRules;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure rule evaluation, {@link Adjudicator#decide} (the fold of the offer's log with the message in its place), one message kind per benchmark, with nothing of JSON
 * or storage: what one core can decide per second. The last three take the new-offer path apart (which row
 * applies, the reason text, the redelivery fingerprint), to show where its time goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEvaluationJmh {

    /** When the product records what it decides: a constant, the rules never read it. */
    private static final Instant NOW = Instant.parse("2025-01-21T15:00:00Z");

    private Policy policy;
    private Adjudicator decider;
    private CapacityOffer thirdParty;
    private CapacityOffer holderOffer;
    private CapacityOffer apiOffer;
    private CapacityOffer materialRevision;
    private OfferMessage match;
    private OfferMessage withdrawal;
    private Optional<OfferRecord> pending;

    @Setup
    public void setUp() {
        policy = TestPolicies.defaultContract();
        decider = new Adjudicator(policy);
        thirdParty = Offers.offer("oracle-abilene-1").build();
        holderOffer = Offers.offer("azure-quincy-1").provider("azure").build();
        apiOffer = Offers.offer("google-api-1").provider("google").workload(Workload.API).build();
        materialRevision = Offers.offer("oracle-abilene-1").revision(2).price("1.90")
                .receivedAt(Offers.RECEIVED.plus(Duration.ofDays(2))).build();
        match = Offers.match("oracle-abilene-1", Offers.RECEIVED.plus(Duration.ofDays(3)));
        withdrawal = Offers.withdrawal("oracle-abilene-1", Offers.RECEIVED.plus(Duration.ofDays(4)));
        pending = Optional.of(recorded(thirdParty));
    }

    @Benchmark
    public Outcome newOfferPendingFirstRefusal() {
        return decider.decide(Delivery.direct(thirdParty), Optional.empty(), NOW);
    }

    @Benchmark
    public Outcome newOfferHolderCapacity() {
        return decider.decide(Delivery.direct(holderOffer), Optional.empty(), NOW);
    }

    @Benchmark
    public Outcome newOfferApiRejected() {
        return decider.decide(Delivery.direct(apiOffer), Optional.empty(), NOW);
    }

    @Benchmark
    public Outcome holderMatch() {
        return decider.decide(Delivery.direct(match), pending, NOW);
    }

    @Benchmark
    public Outcome withdrawal() {
        return decider.decide(Delivery.direct(withdrawal), pending, NOW);
    }

    @Benchmark
    public Outcome materialRevision() {
        return decider.decide(Delivery.direct(materialRevision), pending, NOW);
    }

    @Benchmark
    public Outcome duplicateOffer() {
        return decider.decide(Delivery.direct(thirdParty), pending, NOW);
    }

    @Benchmark
    public NewOfferRules.NewOfferRule partRuleSelection() {
        return NewOfferRules.firstApplying(new NewOfferRules.Offered(thirdParty, thirdParty.receivedAt(), policy, policy.agiDeclaredAt()));
    }

    @Benchmark
    public String partReasonText() {
        NewOfferRules.Offered offered = new NewOfferRules.Offered(thirdParty, thirdParty.receivedAt(), policy, policy.agiDeclaredAt());
        return NewOfferRules.firstApplying(offered).reason().apply(offered);
    }

    @Benchmark
    public String partFingerprint() {
        return thirdParty.fingerprint();
    }

    /** The record storage would hand back after {@code offer} was decided. */
    private OfferRecord recorded(CapacityOffer offer) {
        Outcome.Changed change = (Outcome.Changed) decider.decide(Delivery.direct(offer), Optional.empty(), NOW);
        return InMemoryRecords.after(null, change);
    }
}
