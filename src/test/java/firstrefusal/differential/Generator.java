package firstrefusal.differential;

import firstrefusal.differential.Scenario.AgreementSpec;
import firstrefusal.differential.Scenario.AmendmentSpec;
import firstrefusal.differential.Scenario.Deployed;
import firstrefusal.differential.World.Step;
import firstrefusal.reference.Exception_;
import firstrefusal.reference.Input;
import firstrefusal.reference.Kind;
import firstrefusal.reference.Provider;
import firstrefusal.reference.Terms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Generates worlds from a seed (a plain {@link Random}, so a world is replayed from its seed alone): an agreement with
 * amendments (pending offers kept or released, first refusal ended, another window, AGI, holder accounts, providers and
 * exceptions added), sometimes a later deployment that changes it mid-corpus, and for each offer its revisions (material,
 * non-material, at the thresholds, repeated, conflicting, skipping numbers), several holder answers (reused
 * {@code responseId}s with the same or the other answer), withdrawals and their repeats, notices on time, late, early or
 * missing, arrival stamps inside and beyond the clock skew, and clock ticks. Instants are drawn often from a pool of the
 * world's key instants (receipt, deadline, deadline plus grace, expiry, notices, amendments, AGI) so that ties of every
 * kind happen. The processing order is a random interleaving, with the processing clock increasing.
 */
final class Generator {

    static final Instant ERA = Instant.parse("2026-03-01T00:00:00Z");
    static final String ACCOUNT = "111111111111";
    static final String OTHER_ACCOUNT = "222222222222";
    static final String WRONG_ACCOUNT = "999999999999";
    private static final String[] THIRD_PARTIES = {"oracle", "oracle", "softbank", "coreweave", "google"};

    private final Random r;
    private int responses;

    Generator(long seed) {
        this.r = new Random(seed);
    }

    /** One offer in a world of its own (the pure test). */
    World single(String name, long seed) {
        Instant t0 = ERA.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
        String id = name;
        Scenario draft = scenario(t0, t0.plus(Duration.ofDays(20)), List.of(id));
        List<Planned> planned = new ArrayList<>(offer(id, t0, draft, List.of()));
        int ticks = r.nextInt(6);
        for (int i = 0; i < ticks; i++) {
            planned.add(tick(t0, draft));
        }
        return deploy(name, seed, draft, interleave(planned, t0, window(draft)));
    }

    /** Many offers sharing one agreement, a responseId now and then reused across offers (the DynamoDB test). */
    World table(String name, long seed, int offers) {
        Instant from = ERA.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 30)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < offers; i++) {
            ids.add(name + "-" + i);
        }
        Scenario draft = scenario(from, from.plus(Duration.ofDays(30)), ids);
        List<Planned> planned = new ArrayList<>();
        List<Input.Answer> answers = new ArrayList<>();
        for (String id : ids) {
            Instant t0 = from.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 30)));
            List<Planned> one = offer(id, t0, draft, answers);
            one.stream().map(Planned::input).filter(Input.Answer.class::isInstance).map(Input.Answer.class::cast).forEach(answers::add);
            planned.addAll(one);
            for (int k = r.nextInt(3); k < 2; k += 2) {
                planned.add(tick(t0, draft));   // at one of this offer's key instants now and then: its deadline, grace...
            }
        }
        for (int i = 0; i < offers / 4 + 5; i++) {
            planned.add(tick(from.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 30))), draft));
        }
        return deploy(name, seed, draft, interleave(planned, from, window(draft).plus(Duration.ofDays(30))));
    }

    // ---- the agreement ----

    private Scenario scenario(Instant from, Instant to, List<String> offerIds) {
        Terms base = Scenario.Terms_.with(Scenario.Terms_.defaults(), t -> {
            t.window = pick(Duration.ofDays(14), Duration.ofDays(14), Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(2));
            t.clockGrace = pick(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(1));
            t.clockSkew = pick(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(1));
            t.noticeGrace = pick(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, Duration.ofHours(6));
            t.lapseRequiresNotice = r.nextInt(5) != 0;
            t.holderAccount = r.nextInt(5) < 2 ? ACCOUNT : null;
            t.agi = r.nextInt(8) == 0 ? between(from, to) : null;
        });
        List<AmendmentSpec> amendments = new ArrayList<>();
        int count = r.nextInt(20) < 9 ? 0 : r.nextInt(20) < 14 ? 1 : 2;
        Instant last = from.minus(Duration.ofDays(3));
        for (int i = 0; i < count; i++) {
            last = between(last.plusSeconds(1), to);
            amendments.add(amendment("2026-a" + (i + 1), last, offerIds));
        }
        AgreementSpec first = new AgreementSpec(base, amendments);
        List<Deployed> deployments = new ArrayList<>(List.of(new Deployed("d1", from.minus(Duration.ofDays(60)), first)));
        if (r.nextBoolean()) {
            AgreementSpec second = base.agiDeclaredAt() == null && r.nextInt(4) == 0
                    ? first.withAgi(between(from, to))
                    : first.with(amendment("2026-d2", between(later(last.plusSeconds(1), from), to.plus(Duration.ofDays(5))), offerIds));
            deployments.add(new Deployed("d2", null, second));
            if (r.nextInt(5) == 0) {
                Instant after = second.amendments().isEmpty() ? from : second.amendments().getLast().effectiveFrom();
                AgreementSpec third = first.with(amendment("2026-d3", between(later(last.plusSeconds(1), after.plusSeconds(1)),
                        to.plus(Duration.ofDays(10))), offerIds));
                deployments.add(new Deployed("d3", null, third));
            }
        }
        return new Scenario(deployments);
    }

    private AmendmentSpec amendment(String version, Instant at, List<String> offerIds) {
        List<Provider> providers = r.nextInt(6) == 0 ? List.of(new Provider("nebius", "Nebius", Kind.THIRD_PARTY)) : List.of();
        List<Exception_> exceptions = List.of();
        if (r.nextInt(6) == 0) {
            List<String> some = offerIds.stream().filter(id -> r.nextInt(3) == 0).toList();
            exceptions = List.of(new Exception_(r.nextBoolean() ? "oracle-2024-06" : "ex-" + version, "oracle",
                    Set.copyOf(some.isEmpty() ? List.of(offerIds.getFirst()) : some)));
        }
        return new AmendmentSpec(version, at, r.nextBoolean(),
                maybe(4, () -> pick(Duration.ofDays(3), Duration.ofDays(10), Duration.ofDays(20))),
                r.nextInt(10) < 3 ? Optional.of(false) : r.nextInt(10) == 0 ? Optional.of(true) : Optional.empty(),
                maybe(12, () -> at.plus(Duration.ofHours(r.nextInt(24 * 10) - 24))),
                maybe(5, () -> pick(OTHER_ACCOUNT, ACCOUNT)),
                maybe(7, () -> pick(Duration.ZERO, Duration.ofHours(1))),
                maybe(10, () -> BigDecimal.TEN), maybe(10, () -> BigDecimal.valueOf(20)),
                maybe(5, () -> Set.of("us-national-security")), maybe(7, () -> LocalDate.parse("2032-12-31")),
                providers, exceptions);
    }

    /** Places each later deployment among the processing instants, so the agreement changes mid-corpus. */
    private World deploy(String name, long seed, Scenario draft, List<Step> steps) {
        List<Deployed> placed = new ArrayList<>();
        Instant previous = null;
        for (Deployed d : draft.deployments()) {
            if (d.deployedAt() != null) {
                placed.add(d);
                continue;
            }
            int i = r.nextInt(steps.size());
            Instant hi = steps.get(i).recordedAt();
            Instant lo = i == 0 ? hi.minus(Duration.ofHours(1)) : steps.get(i - 1).recordedAt();
            Instant at = r.nextInt(3) == 0 ? hi : lo.plus(Duration.between(lo, hi).dividedBy(2));
            if (previous != null && !at.isAfter(previous)) {
                at = previous.plusSeconds(1 + r.nextInt(3600 * 24));
            }
            previous = at;
            placed.add(new Deployed(d.id(), at, d.agreement()));
        }
        return new World(name, seed, new Scenario(placed), steps);
    }

    // ---- one offer's inputs ----

    /** An input and when it would naturally be processed. */
    private record Planned(Input input, Instant natural) {
    }

    private List<Planned> offer(String id, Instant t0, Scenario scenario, List<Input.Answer> elsewhere) {
        Terms base = scenario.deployments().getFirst().agreement().base();
        Duration w = window(scenario);
        List<Instant> pool = pool(t0, scenario);
        List<Planned> out = new ArrayList<>();

        String provider = r.nextInt(100) < 6 ? "azure" : r.nextInt(100) < 7 ? "stargate" : r.nextInt(100) < 4 ? "nebius"
                : THIRD_PARTIES[r.nextInt(THIRD_PARTIES.length)];
        int wl = r.nextInt(100);
        String workload = wl < 18 ? "API" : wl < 38 ? "PRODUCT" : wl < 50 ? "RESEARCH" : "TRAINING";
        String customer = workload.equals("API") ? pick("us-national-security", "us-national-security", "acme", null, null)
                : r.nextInt(20) == 0 ? "us-national-security" : null;
        int sd = r.nextInt(100);
        LocalDate start = LocalDate.parse(sd < 85 ? "2027-06-01" : sd < 95 ? "2031-06-01" : "2033-02-01");
        int gpus = 1000 * (1 + r.nextInt(100));
        BigDecimal price = new BigDecimal(pick("2.00", "2.00", "2.10", "3.20"));
        Instant validUntil = switch (r.nextInt(10)) {
            case 0 -> r.nextBoolean() ? t0 : t0.minus(Duration.ofMinutes(1 + r.nextInt(60 * 48)));
            case 1, 2, 3 -> instant(pool, t0, t0.plus(w).plus(w.dividedBy(2)));
            default -> null;
        };
        Integer megawatts = r.nextInt(4) == 0 ? null : 200;
        Input.Offer first = new Input.Offer(id, 1, provider, gpus, megawatts, "us-tx-abilene", workload, start, 48, price,
                validUntil, t0, customer, arrival(t0, base));
        out.add(planned(first, t0, first.arrival(), w));
        repeats(out, first, w);

        Input.Offer current = first;
        List<Input.Offer> revisions = new ArrayList<>(List.of(first));
        int count = r.nextInt(20) < 10 ? 0 : r.nextInt(10) < 6 ? 1 : r.nextInt(10) < 7 ? 2 : 3;
        for (int k = 0; k < count; k++) {
            int number = current.revision() + (r.nextInt(20) == 0 ? 2 : 1);
            Instant at = instant(pool, t0.minus(Duration.ofHours(1)), t0.plus(w.multipliedBy(2)));
            BigDecimal p = first.price();
            int g = first.gpus();
            switch (r.nextInt(10)) {
                case 0 -> p = percentOff(p, "5");          // exactly the default threshold: material
                case 1 -> p = percentOff(p, "4.99");       // just under: not material
                case 2 -> p = percentOff(p, "10");         // an amended threshold
                case 3 -> g = g + g / 10;                  // exactly +10 %
                case 4 -> g = g + g / 10 - 1;              // just under
                case 5 -> g = g + g / 5;                   // +20 %, an amended threshold
                case 6 -> p = percentOff(p, "-1");         // dearer
                case 7 -> p = percentOff(p, "30");
                default -> g = g + 1;
            }
            String prov = r.nextInt(30) == 0 ? pick("softbank", "oracle") : current.provider();
            Instant valid = r.nextInt(3) == 0 ? instant(pool, t0, t0.plus(w.multipliedBy(2))) : current.validUntil();
            Input.Offer revision = new Input.Offer(id, number, prov, g, megawatts, "us-tx-abilene", workload, start, 48, p, valid,
                    at, customer, arrival(at, base));
            out.add(planned(revision, at, revision.arrival(), w));
            repeats(out, revision, w);
            revisions.add(revision);
            current = revision;
        }

        List<Input.Answer> mine = new ArrayList<>();
        int answers = weighted(20, 35, 25, 12, 8);
        for (int k = 0; k < answers; k++) {
            String responseId;
            String answer = r.nextBoolean() ? "MATCH" : "DECLINE";
            int reuse = r.nextInt(100);
            if (reuse < 25 && !mine.isEmpty()) {
                Input.Answer earlier = mine.get(r.nextInt(mine.size()));
                responseId = earlier.responseId();
                answer = r.nextBoolean() ? earlier.answer() : other(earlier.answer());
            } else if (reuse < 33 && !elsewhere.isEmpty()) {
                Input.Answer earlier = elsewhere.get(r.nextInt(elsewhere.size()));
                responseId = earlier.responseId();
                answer = r.nextBoolean() ? earlier.answer() : other(earlier.answer());
            } else {
                responseId = "rid-" + (++responses);
            }
            Instant at = instant(pool, t0.minus(Duration.ofHours(2)), t0.plus(w.multipliedBy(2)));
            int rv = r.nextInt(100);
            Integer revision = rv < 80 ? null : rv < 92 ? Integer.valueOf(1) : Integer.valueOf(1 + r.nextInt(3));
            String responder = r.nextInt(25) == 0 ? "oracle" : "azure";
            int acc = r.nextInt(10);
            String account = acc < 5 ? null : acc < 8 ? ACCOUNT : acc < 9 ? OTHER_ACCOUNT : WRONG_ACCOUNT;
            Input.Answer a = new Input.Answer(responseId, id, responder, answer, at, revision, arrival(at, base), account);
            mine.add(a);
            out.add(planned(a, at, a.arrival(), w));
        }

        List<Instant> withdrawn = new ArrayList<>();
        int withdrawals = weighted(55, 30, 10, 5);
        for (int k = 0; k < withdrawals; k++) {
            Instant at = !withdrawn.isEmpty() && r.nextInt(10) < 3 ? withdrawn.get(r.nextInt(withdrawn.size()))
                    : instant(pool, t0.minus(Duration.ofHours(1)), t0.plus(w.multipliedBy(2)));
            withdrawn.add(at);
            Input.Withdrawal wd = new Input.Withdrawal(id, at, arrival(at, base));
            out.add(planned(wd, at, wd.arrival(), w));
        }

        boolean notices = base.lapseRequiresNotice() || r.nextInt(10) == 0;
        for (Input.Offer o : revisions) {
            if (!notices || r.nextInt(5) == 0) {
                continue;   // missing: the window's deadline stays provisional
            }
            Instant opening = o.revision() == 1 ? o.receivedAt() : later(o.receivedAt(), o.arrival());
            int copies = r.nextInt(12) == 0 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                Instant p = notice(opening, base.noticeGrace());
                out.add(new Planned(new Input.Notice(id, o.revision(), p), p.plusMillis(r.nextInt(5000))));
            }
        }
        return out;
    }

    /** A redelivery of the same revision (equal content, numbers by value), or a conflicting one. */
    private void repeats(List<Planned> out, Input.Offer o, Duration w) {
        int k = r.nextInt(20);
        if (k < 2) {
            BigDecimal price = o.price().setScale(o.price().scale() + 1, RoundingMode.UNNECESSARY);
            Input.Offer again = new Input.Offer(o.offerId(), o.revision(), o.provider(), o.gpus(), o.megawatts(), o.region(),
                    o.workload(), o.startDate(), o.termMonths(), price, o.validUntil(), o.receivedAt(), o.customer(),
                    r.nextBoolean() ? o.arrival() : later(o.receivedAt(), o.arrival()).plus(Duration.ofMinutes(r.nextInt(600))));
            out.add(planned(again, o.receivedAt(), again.arrival(), w));
        } else if (k == 2) {
            Input.Offer conflict = new Input.Offer(o.offerId(), o.revision(), o.provider(), o.gpus() + 7, o.megawatts(), o.region(),
                    o.workload(), o.startDate(), o.termMonths(), o.price(), o.validUntil(), o.receivedAt(), o.customer(), o.arrival());
            out.add(planned(conflict, o.receivedAt(), conflict.arrival(), w));
        }
    }

    private Planned tick(Instant t0, Scenario scenario) {
        Duration w = window(scenario);
        Instant now = instant(pool(t0, scenario), t0, t0.plus(w.multipliedBy(5).dividedBy(2)));
        Instant natural = r.nextInt(10) < 7 ? now.plusMillis(r.nextInt(60_000)) : now.plusSeconds(r.nextInt(6 * 3600));
        return new Planned(new Input.Tick(now), natural);
    }

    /** When a message would be processed: once it is effective, after a delay now and then long (it sat in a queue). */
    private Planned planned(Input input, Instant own, Instant arrival, Duration w) {
        Instant at = later(own, arrival);
        int d = r.nextInt(20);
        Duration delay = d < 8 ? Duration.ofSeconds(r.nextInt(60)) : d < 16 ? Duration.ofMinutes(1 + r.nextInt(30))
                : d < 19 ? Duration.ofMinutes(60 + r.nextInt(60 * 48)) : Duration.ofSeconds(1 + r.nextInt((int) Math.max(2, w.toSeconds())));
        return new Planned(input, at.plus(delay));
    }

    /**
     * A processing order: mostly near when each input takes effect, with delays that put inputs out of event order; now
     * and then a plain shuffle. Either way the processing clock increases strictly.
     */
    private List<Step> interleave(List<Planned> planned, Instant t0, Duration span) {
        List<Planned> order = new ArrayList<>(planned);
        List<Instant> clock = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            Collections.shuffle(order, r);
            Instant lo = t0.minus(Duration.ofDays(1));
            for (int i = 0; i < order.size(); i++) {
                clock.add(between(lo, t0.plus(span.multipliedBy(3))));
            }
            Collections.sort(clock);
        } else {
            order.sort(Comparator.comparing(Planned::natural));
            order.forEach(p -> clock.add(p.natural()));
        }
        List<Step> steps = new ArrayList<>();
        Instant previous = Instant.MIN;
        for (int i = 0; i < order.size(); i++) {
            Instant at = clock.get(i).isAfter(previous) ? clock.get(i) : previous.plusMillis(1);
            Input input = order.get(i).input();
            if (input instanceof Input.Tick tick && tick.now().isAfter(at)) {
                // A scheduled event is processed at its time or later, never before (its time is "now", SPEC §3)
                input = new Input.Tick(at.minusSeconds(r.nextInt(3) == 0 ? 0 : r.nextInt(6 * 3600)));
            }
            steps.add(new Step(input, at));
            previous = at;
        }
        return steps;
    }

    // ---- instants ----

    /** The world's key instants around {@code t0}: where ties happen. */
    private List<Instant> pool(Instant t0, Scenario scenario) {
        List<Instant> pool = new ArrayList<>();
        pool.add(t0);
        for (Deployed d : scenario.deployments()) {
            Terms base = d.agreement().base();
            d.agreement().amendments().forEach(a -> pool.add(a.effectiveFrom()));
            d.agreement().amendments().forEach(a -> a.agi().ifPresent(pool::add));
            if (base.agiDeclaredAt() != null) {
                pool.add(base.agiDeclaredAt());
            }
            for (Duration w : List.of(base.window(), Duration.ofDays(3), Duration.ofDays(10))) {
                pool.add(t0.plus(w));
                pool.add(t0.plus(w).plus(base.clockGrace()));
                pool.add(t0.plus(base.noticeGrace()).plus(w));
            }
            pool.add(t0.plus(base.noticeGrace()));
        }
        return pool;
    }

    private Instant instant(List<Instant> pool, Instant lo, Instant hi) {
        int k = r.nextInt(100);
        if (k < 30) {
            return pool.get(r.nextInt(pool.size()));
        }
        if (k < 38) {
            return pool.get(r.nextInt(pool.size())).plusSeconds(r.nextBoolean() ? 1 : -1);
        }
        return between(lo, hi);
    }

    /** An arrival stamp: none (a direct invocation), soon after, far later, or ahead by the skew or beyond it. */
    private Instant arrival(Instant own, Terms base) {
        Duration skew = base.clockSkew();
        int k = r.nextInt(100);
        if (k < 45) return null;
        if (k < 70) return own.plusSeconds(r.nextInt(120));
        if (k < 80) return own.plus(Duration.ofMinutes(60 + r.nextInt(60 * 72)));
        if (k < 88) return own.minus(skew);
        if (k < 94) return own.minus(skew).minusSeconds(1);
        return own.minus(skew).minus(Duration.ofMinutes(1 + r.nextInt(120)));
    }

    /** When notify recorded the notice of a window opened at {@code opening}: in time, at the grace, late or early. */
    private Instant notice(Instant opening, Duration grace) {
        int k = r.nextInt(100);
        if (k < 15) return opening;
        if (k < 45) return opening.plusSeconds(grace.isZero() ? 0 : r.nextInt((int) grace.toSeconds()));
        if (k < 50) return opening.plus(grace);
        if (k < 55) return opening.plus(grace).plusSeconds(1);
        if (k < 88) return opening.plus(grace).plus(Duration.ofMinutes(1 + r.nextInt(60 * 72)));
        return opening.minusSeconds(1 + r.nextInt(3600));
    }

    private Instant between(Instant lo, Instant hi) {
        long span = Math.max(1, Duration.between(lo, hi).toSeconds());
        return lo.plusSeconds((long) (r.nextDouble() * span));
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Duration window(Scenario scenario) {
        return scenario.deployments().getFirst().agreement().base().window();
    }

    private static BigDecimal percentOff(BigDecimal price, String percent) {
        return price.subtract(price.multiply(new BigDecimal(percent)).movePointLeft(2)).stripTrailingZeros();
    }

    private static String other(String answer) {
        return answer.equals("MATCH") ? "DECLINE" : "MATCH";
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    private <T> Optional<T> maybe(int oneIn, java.util.function.Supplier<T> value) {
        return r.nextInt(oneIn) == 0 ? Optional.of(value.get()) : Optional.empty();
    }

    /** An index drawn with the given weights. */
    private int weighted(int... weights) {
        int total = java.util.Arrays.stream(weights).sum();
        int k = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            k -= weights[i];
            if (k < 0) return i;
        }
        return weights.length - 1;
    }
}
