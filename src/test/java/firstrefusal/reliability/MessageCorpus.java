package firstrefusal.reliability;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.OfferMessage;
import firstrefusal.domain.offer.Withdrawal;
import firstrefusal.domain.offer.Workload;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Messages about many offers, each with the instant it reached the queue, and the notices {@code notify} would record:
 * sets in which every processing order must end each offer where event time puts it (src/docs/contract.md, "Time a
 * contract can defend"). Per offer: its first revision, the holder's notice (in time, or late), and any of later
 * revisions, one holder answer (in time, at the deadline, dated late, or dated in time but reaching the queue late,
 * sometimes naming the revision it answers), and one or two withdrawals (the earliest counts); answers and
 * withdrawals are mixed on one offer on purpose, so processing order and event order disagree. Some messages are
 * refused where they stand in event time (a withdrawal after a match, an answer to a window a revision replaced): they
 * are refused in every order, or kept without effect. No two messages share a key with different content. Clock ticks
 * are the test's to send.
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
    private final List<LogItem> items = new ArrayList<>();
    private int offers;

    private MessageCorpus(String prefix, long seed) {
        this.prefix = prefix;
        this.random = new Random(seed);
    }

    /** At least {@code size} items (messages and notices) about offers with ids {@code prefix-0000}, {@code prefix-0001}, ... */
    static List<LogItem> generate(String prefix, int size, long seed) {
        MessageCorpus corpus = new MessageCorpus(prefix, seed);
        while (corpus.items.size() < size) {
            corpus.nextOffer();
        }
        return List.copyOf(corpus.items);
    }

    /** The messages alone, as a sender puts them on the queue. */
    static List<Delivery> deliveries(List<LogItem> items) {
        return items.stream().filter(Delivery.class::isInstance).map(Delivery.class::cast).toList();
    }

    private void nextOffer() {
        String id = "%s-%04d".formatted(prefix, offers++);
        Instant received = ERA.plus(Duration.ofMinutes(random.nextLong(SPAN.toMinutes())));
        if (random.nextInt(5) == 0) {
            CapacityOffer offer = anyNewOffer(id, received);
            send(offer, received);
            if (random.nextBoolean()) {
                send(new Withdrawal(id, received.plus(minutes(1 + random.nextInt(60 * 24 * 30)))), null);
            }
            return;
        }
        CapacityOffer first = firstRefusal(id, received, randomValidity(received));
        // A backdated receipt now and then: it reaches the queue two days after the date it carries.
        send(first, random.nextInt(8) == 0 ? received.plus(Duration.ofDays(2)) : null);
        Instant opened = received;
        Instant told = notice(id, 1, opened, random.nextInt(8) == 0 ? received.plus(Duration.ofDays(2)) : received);
        Instant deadline = told.isAfter(opened.plus(Duration.ofHours(1))) ? told.plus(WINDOW) : opened.plus(WINDOW);
        CapacityOffer current = first;
        int revisions = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        for (int revision = 2; revision <= revisions + 1; revision++) {
            current = revised(current, revision);
            send(current, null);
            notice(id, revision, current.receivedAt(), current.receivedAt());
        }
        if (random.nextInt(10) < 7) {
            answer(id, received, deadline, revisions);
        }
        if (random.nextInt(10) < 4) {
            Instant at = received.plus(minutes(1 + random.nextInt(60 * 24 * 25)));
            send(new Withdrawal(id, at), null);
            if (random.nextInt(3) == 0) {
                send(new Withdrawal(id, at.plus(minutes(1 + random.nextInt(60 * 24)))), null);
            }
        }
    }

    /** One holder answer: in time, exactly at the deadline, dated late, or dated in time but reaching the queue late. */
    private void answer(String id, Instant received, Instant deadline, int revisions) {
        Answer answer = random.nextBoolean() ? Answer.MATCH : Answer.DECLINE;
        Integer revision = random.nextInt(4) == 0 ? 1 + random.nextInt(revisions + 1) : null;
        Instant inTime = received.plus(minutes(1 + random.nextLong(Duration.between(received, deadline).toMinutes() - 1)));
        switch (random.nextInt(5)) {
            case 0 -> send(new HolderResponse("r-" + id, id, "azure", answer, deadline, revision), deadline);
            case 1 -> send(new HolderResponse("r-" + id, id, "azure", answer, deadline.plus(minutes(1 + random.nextInt(60 * 24 * 5))),
                    revision), null);
            case 2 -> send(new HolderResponse("r-" + id, id, "azure", answer, inTime, revision),
                    deadline.plus(minutes(1 + random.nextInt(60 * 24))));
            default -> send(new HolderResponse("r-" + id, id, "azure", answer, inTime, revision), null);
        }
    }

    /**
     * The message, reaching the queue at {@code arrival}, or (null) when a queue would stamp it: mostly a moment after
     * the instant it carries (up to two minutes later, or a little earlier than the sender's clock said, within the
     * allowed skew); sometimes hours or days later (the queue was backed up, the sender retried); now and then earlier
     * than the sender dated it by more than the skew allows, which is refused.
     */
    private void send(OfferMessage message, Instant arrival) {
        Instant at = arrival != null ? arrival : message.at().plus(queueDelay());
        items.add(new Delivery(message, Optional.of(at)));
    }

    private Duration queueDelay() {
        int draw = random.nextInt(100);
        if (draw < 80) {
            return Duration.ofSeconds(random.nextInt(360) - 240);
        }
        if (draw < 92) {
            return Duration.ofMinutes(1 + random.nextInt(6 * 60));
        }
        if (draw < 97) {
            return Duration.ofHours(6 + random.nextInt(3 * 24 - 6));
        }
        return Duration.ofMinutes(-6 - random.nextInt(25)); // the sender's clock ran ahead beyond the 5-minute skew
    }

    /** The holder told of a window at {@code told} (or soon after); the instant recorded. */
    private Instant notice(String id, int revision, Instant opened, Instant told) {
        Instant at = told.plus(Duration.ofSeconds(5 + random.nextInt(600)));
        items.add(new Notice(id, revision, at.isBefore(opened) ? opened : at));
        return at;
    }

    /** A later revision: price down 0–10%, GPUs up 0–20% (either side of the 5% and 10% thresholds), some after the deadline. */
    private CapacityOffer revised(CapacityOffer current, int revision) {
        Instant at = current.receivedAt().plus(Duration.ofHours(1 + random.nextLong(20 * 24)));
        BigDecimal price = current.pricePerGpuHourUsd()
                .multiply(BigDecimal.valueOf(100 - random.nextInt(11))).movePointLeft(2).setScale(4, RoundingMode.HALF_UP);
        long gpus = current.gpus() + current.gpus() * random.nextInt(21) / 100;
        return new CapacityOffer(current.offerId(), revision, current.provider(), gpus, current.megawatts(), current.region(),
                current.workload(), current.startDate(), current.termMonths(), price, current.validUntil(), at);
    }

    /** A first revision that any row of the new-offer table may decide. */
    private CapacityOffer anyNewOffer(String id, Instant received) {
        return switch (random.nextInt(6)) {
            case 0 -> offer(id, "azure", Workload.API, received, null);
            case 1 -> offer(id, pick(THIRD_PARTIES), Workload.API, received, null);
            case 2 -> offer(id, "stargate", random.nextBoolean() ? Workload.TRAINING : Workload.RESEARCH, received, null);
            case 3 -> offer(id, pick(THIRD_PARTIES), pick(OPEN_WORKLOADS), received, received.minus(Duration.ofHours(1)));
            default -> new CapacityOffer(id, 1, pick(THIRD_PARTIES), gpus(), null, region(), pick(OPEN_WORKLOADS),
                    LocalDate.parse("2031-03-01"), 36, price(), null, received);
        };
    }

    private CapacityOffer firstRefusal(String id, Instant received, Instant validUntil) {
        return offer(id, pick(THIRD_PARTIES), pick(OPEN_WORKLOADS), received, validUntil);
    }

    /** None, before the deadline (at risk: it may expire first), or after it. */
    private Instant randomValidity(Instant received) {
        return switch (random.nextInt(4)) {
            case 0 -> received.plus(Duration.ofDays(1 + random.nextInt(13)));
            case 1 -> received.plus(Duration.ofDays(15 + random.nextInt(30)));
            default -> null;
        };
    }

    private CapacityOffer offer(String id, String provider, Workload workload, Instant received, Instant validUntil) {
        BigDecimal megawatts = random.nextBoolean() ? null : BigDecimal.valueOf(10 + random.nextInt(500));
        return new CapacityOffer(id, 1, provider, gpus(), megawatts, region(), workload,
                LocalDate.parse("2025-06-01").plusDays(random.nextInt(900)), 1 + random.nextInt(120), price(), validUntil, received);
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
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
