package firstrefusal.reliability;

import firstrefusal.offer.Answer;
import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.HolderResponse;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.Withdrawal;
import firstrefusal.offer.Workload;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Offer, revision, holder-answer and withdrawal messages about many offers, chosen so that each
 * offer's outcome is fixed by event time alone, whatever order they arrive in. The contract (src/docs/contract.md, "Decisions") lets a
 * recorded outcome stand, so an answer and a withdrawal (or an answer and a revision) on one offer
 * would make the outcome depend on arrival order. Here every offer gets its first revision and at
 * most one follow-up chain whose order delivery cannot change: later revisions (refused until the
 * one before is recorded), or one holder answer, or one withdrawal (both refused until the offer is
 * on record). Clock ticks are the test's to send, after every message.
 *
 * <p>Every message is valid in event-time order: answers go only to offers in first refusal that
 * cannot have expired first, withdrawals only to offers that cannot have expired.
 */
final class MessageCorpus {

    static final Instant ERA = Instant.parse("2024-01-01T00:00:00Z");
    /** Offers arrive over this span after {@link #ERA}. */
    static final Duration SPAN = Duration.ofDays(300);
    static final Duration WINDOW = Duration.ofDays(14);

    private static final String[] THIRD_PARTIES = {"oracle", "softbank", "coreweave", "google"};
    private static final Workload[] OPEN_WORKLOADS = {Workload.TRAINING, Workload.RESEARCH, Workload.PRODUCT};

    private final Random random;
    private final String prefix;
    private final List<OfferMessage> messages = new ArrayList<>();
    private int offers;

    private MessageCorpus(String prefix, long seed) {
        this.prefix = prefix;
        this.random = new Random(seed);
    }

    /** {@code size} messages (exactly) about offers with ids {@code prefix-0000}, {@code prefix-0001}, ... */
    static List<OfferMessage> generate(String prefix, int size, long seed) {
        MessageCorpus corpus = new MessageCorpus(prefix, seed);
        while (corpus.messages.size() < size) {
            corpus.nextOffer(size - corpus.messages.size());
        }
        return List.copyOf(corpus.messages);
    }

    private void nextOffer(int room) {
        String id = "%s-%04d".formatted(prefix, offers++);
        Instant received = ERA.plus(Duration.ofMinutes(random.nextLong(SPAN.toMinutes())));
        int plan = room == 1 ? 0 : random.nextInt(10);
        if (plan < 3) {
            messages.add(anyNewOffer(id, received));
        } else if (plan < 5) {
            revised(id, received, Math.min(room, 2 + random.nextInt(2)));
        } else if (plan < 8) {
            answered(id, received);
        } else {
            withdrawn(id, received);
        }
    }

    /** A first revision that any row of the new-offer table may decide (rules 1–8 of the contract's new-offer table). */
    private CapacityOffer anyNewOffer(String id, Instant received) {
        return switch (random.nextInt(7)) {
            case 0 -> offer(id, 1, "azure", Workload.API, received, null);
            case 1 -> offer(id, 1, pick(THIRD_PARTIES), Workload.API, received, null);
            case 2 -> offer(id, 1, "stargate", random.nextBoolean() ? Workload.TRAINING : Workload.RESEARCH, received, null);
            case 3 -> offer(id, 1, pick(THIRD_PARTIES), pick(OPEN_WORKLOADS), received, received.minus(Duration.ofHours(1)));
            case 4 -> outsideTerm(id, received);
            default -> firstRefusal(id, received, randomValidity(received));
        };
    }

    /** Revisions 2.. of an offer in first refusal, each later than the one before; some cross its deadline. */
    private void revised(String id, Instant received, int revisions) {
        CapacityOffer current = firstRefusal(id, received, randomValidity(received));
        messages.add(current);
        for (int revision = 2; revision <= revisions; revision++) {
            Instant at = current.receivedAt().plus(Duration.ofHours(1 + random.nextLong(20 * 24)));
            // Price down 0–10%, GPUs up 0–20%: either side of the 5% and 10% material-change thresholds.
            BigDecimal price = current.pricePerGpuHourUsd()
                    .multiply(BigDecimal.valueOf(100 - random.nextInt(11))).movePointLeft(2).setScale(4, RoundingMode.HALF_UP);
            long gpus = current.gpus() + current.gpus() * random.nextInt(21) / 100;
            current = new CapacityOffer(id, revision, current.provider(), gpus, current.megawatts(), current.region(),
                    current.workload(), current.startDate(), current.termMonths(), price, current.validUntil(), at);
            messages.add(current);
        }
    }

    /** One holder answer: inside the window, exactly at the deadline, or after it (late). */
    private void answered(String id, Instant received) {
        // No validUntil inside the window: an expiry first would make the answer an error, not a decision.
        CapacityOffer offer = firstRefusal(id, received, random.nextBoolean() ? null : received.plus(WINDOW).plus(Duration.ofDays(5)));
        messages.add(offer);
        Instant deadline = received.plus(WINDOW);
        Instant at = switch (random.nextInt(4)) {
            case 0 -> deadline;
            case 1 -> deadline.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 10)));
            default -> received.plus(Duration.ofMinutes(1 + random.nextLong(WINDOW.toMinutes() - 1)));
        };
        Answer answer = random.nextBoolean() ? Answer.MATCH : Answer.DECLINE;
        messages.add(new HolderResponse("r-" + id, id, "azure", answer, at));
    }

    /** One withdrawal of an offer that is pending or approved: before or after its deadline. */
    private void withdrawn(String id, Instant received) {
        CapacityOffer offer = switch (random.nextInt(3)) {
            case 0 -> offer(id, 1, "azure", pick(OPEN_WORKLOADS), received, null);
            case 1 -> outsideTerm(id, received);
            default -> firstRefusal(id, received, null);
        };
        messages.add(offer);
        messages.add(new Withdrawal(id, received.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30)))));
    }

    private CapacityOffer firstRefusal(String id, Instant received, Instant validUntil) {
        return offer(id, 1, pick(THIRD_PARTIES), pick(OPEN_WORKLOADS), received, validUntil);
    }

    private CapacityOffer outsideTerm(String id, Instant received) {
        return new CapacityOffer(id, 1, pick(THIRD_PARTIES), gpus(), null, region(), pick(OPEN_WORKLOADS),
                LocalDate.parse("2031-03-01"), 36, price(), null, received);
    }

    /** None, before the deadline (at risk: the clock expires it), or after it. */
    private Instant randomValidity(Instant received) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> received.plus(Duration.ofDays(1 + random.nextInt(13)));
            default -> received.plus(Duration.ofDays(15 + random.nextInt(30)));
        };
    }

    private CapacityOffer offer(String id, int revision, String provider, Workload workload, Instant received, Instant validUntil) {
        BigDecimal megawatts = random.nextBoolean() ? null : BigDecimal.valueOf(10 + random.nextInt(500));
        return new CapacityOffer(id, revision, provider, gpus(), megawatts, region(), workload,
                LocalDate.parse("2025-06-01").plusDays(random.nextInt(900)), 1 + random.nextInt(120), price(), validUntil, received);
    }

    private long gpus() {
        return 1_000L * (1 + random.nextInt(128));
    }

    private BigDecimal price() {
        return BigDecimal.valueOf(150 + random.nextInt(300), 2);
    }

    private String region() {
        return pick(new String[] {"us-tx-abilene", "us-wi-mount-pleasant", "no-narvik", "ae-abu-dhabi", "jp-tokyo"});
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
