package firstrefusal.differential;

import firstrefusal.differential.World.Step;
import firstrefusal.reference.Entry;
import firstrefusal.reference.Input;
import firstrefusal.reference.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a world through the reference model and the product side by side and compares every answer (refused and its
 * field; status, rule, decidedAt, revision, policyVersion, duplicate, late; the deadline while pending), every tick's
 * lapsed, expired and released offers, and at the end every offer's history (status, rule, decidedAt, revision,
 * policyVersion, the deadline while pending, which entry a correction corrects, recordedAt). On a disagreement,
 * {@link #shrink} removes inputs one at a time while the same disagreement persists.
 */
final class Differential {

    /** Where the two sides first disagree: {@code what} names the comparison, so shrinking keeps to one disagreement. */
    record Disagreement(String what, int step, String model, String product) {

        @Override
        public String toString() {
            return what + (step >= 0 ? " at step " + step : "") + "\n    model:   " + model + "\n    product: " + product;
        }
    }

    /** What the product side does is built fresh for every run (a shrink runs the world many times). */
    private final Function<Scenario, Side> product;
    /** Told of every pair of answers, for the corpus's coverage figures. */
    private final Coverage coverage;

    Differential(Function<Scenario, Side> product, Coverage coverage) {
        this.product = product;
        this.coverage = coverage;
    }

    Optional<Disagreement> run(World world) {
        return run(world, world.offerIds(), coverage);
    }

    private Optional<Disagreement> run(World world, Iterable<String> offers, Coverage count) {
        Side model = Side.model(world.scenario());
        Side prod = product.apply(world.scenario());
        try {
            return compare(world, offers, count, model, prod);
        } finally {
            prod.close();
        }
    }

    private static Optional<Disagreement> compare(World world, Iterable<String> offers, Coverage count, Side model, Side prod) {
        for (int i = 0; i < world.steps().size(); i++) {
            Step step = world.steps().get(i);
            Object m = outcome(() -> model.process(step.input(), step.recordedAt()));
            Object p = outcome(() -> prod.process(step.input(), step.recordedAt()));
            if (count != null) {
                count.answer(step.input(), m);
            }
            if (!m.equals(p)) {
                return Optional.of(new Disagreement(what(m, p), i, String.valueOf(m), String.valueOf(p)));
            }
        }
        for (String id : offers) {
            Object m = outcome(() -> model.history(id));
            Object p = outcome(() -> prod.history(id));
            if (count != null && m instanceof List<?> h) {
                count.history(h);
            }
            if (!m.equals(p)) {
                return Optional.of(new Disagreement("history of " + id, -1, lines(m), lines(p)));
            }
        }
        return Optional.empty();
    }

    /**
     * The smallest list of inputs (for one offer and the ticks, plus whatever other offers' answers share a
     * {@code responseId} with it) that still shows the same disagreement: inputs removed, in chunks and then one at a
     * time, while it persists.
     */
    World shrink(World world, Disagreement found) {
        String offer = offerOf(world, found);
        List<Step> steps = new ArrayList<>(world.steps());
        if (offer != null) {
            java.util.Set<String> ids = world.steps().stream().filter(s -> offer.equals(s.offerId()))
                    .map(Step::input).filter(Input.Answer.class::isInstance).map(a -> ((Input.Answer) a).responseId())
                    .collect(Collectors.toSet());
            List<Step> narrowed = steps.stream().filter(s -> s.offerId() == null || s.offerId().equals(offer)
                    || s.input() instanceof Input.Answer a && ids.contains(a.responseId())).toList();
            if (same(world.with(narrowed), found)) {
                steps = new ArrayList<>(narrowed);
            }
        }
        // Chunks first (halves, quarters, ...), so a long list of clock ticks goes in few runs; then one input at a time.
        for (int chunk = steps.size() / 2; chunk > 1; chunk /= 2) {
            for (int from = 0; from + chunk <= steps.size(); ) {
                List<Step> fewer = new ArrayList<>(steps.subList(0, from));
                fewer.addAll(steps.subList(from + chunk, steps.size()));
                if (same(world.with(fewer), found)) {
                    steps = fewer;
                } else {
                    from += chunk;
                }
            }
        }
        boolean removed = true;
        while (removed) {
            removed = false;
            for (int i = steps.size() - 1; i >= 0; i--) {
                List<Step> fewer = new ArrayList<>(steps);
                fewer.remove(i);
                if (same(world.with(fewer), found)) {
                    steps = fewer;
                    removed = true;
                }
            }
        }
        return world.with(steps);
    }

    private boolean same(World w, Disagreement found) {
        return run(w, w.offerIds(), null).filter(d -> kind(d.what()).equals(kind(found.what()))).isPresent();
    }

    /** The whole report of a disagreement: the seed, the agreement, the smallest failing input list, both answers. */
    String report(World world, Disagreement found, String replay) {
        World small = shrink(world, found);
        Disagreement again = run(small, small.offerIds(), null).orElse(found);
        StringBuilder s = new StringBuilder();
        s.append("The product and the reference model disagree in world ").append(world.name()).append(" (seed ")
                .append(world.seed()).append("; replay with ").append(replay).append(")\n");
        s.append(world.scenario().describe()).append('\n');
        s.append("smallest failing input list (").append(small.steps().size()).append(" of ").append(world.steps().size())
                .append(" inputs):\n");
        for (int i = 0; i < small.steps().size(); i++) {
            s.append("  ").append(i).append(". ").append(small.steps().get(i)).append('\n');
        }
        s.append("disagreement: ").append(again).append('\n');
        return s.toString();
    }

    /** The size of the shrunk input list, for the mutation table. */
    int shrunkSize(World world, Disagreement found) {
        return shrink(world, found).steps().size();
    }

    private static String offerOf(World world, Disagreement d) {
        if (d.what().startsWith("history of ")) {
            return d.what().substring("history of ".length());
        }
        return d.step() >= 0 ? world.steps().get(d.step()).offerId() : null;
    }

    /** A disagreement's kind, without the offer it was found on. */
    private static String kind(String what) {
        return what.startsWith("history of ") ? "history" : what;
    }

    private static Object outcome(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Which comparison failed: the answer's kind, the refused field, or the first field that differs. */
    private static String what(Object m, Object p) {
        if (m instanceof String || p instanceof String) {
            return "a side threw";
        }
        if (m.getClass() != p.getClass()) {
            return "answer kind " + m.getClass().getSimpleName() + " vs " + p.getClass().getSimpleName();
        }
        return switch (m) {
            case Result.Refused r -> "refused field";
            case Result.Answered a -> {
                Result.Answered b = (Result.Answered) p;
                Map<String, Boolean> same = new java.util.LinkedHashMap<>();
                same.put("status", a.status().equals(b.status()));
                same.put("rule", a.rule().equals(b.rule()));
                same.put("decidedAt", a.decidedAt().equals(b.decidedAt()));
                same.put("deadline", Objects.equals(a.deadline(), b.deadline()));
                same.put("revision", a.revision() == b.revision());
                same.put("policyVersion", Objects.equals(a.policyVersion(), b.policyVersion()));
                same.put("duplicate", a.duplicate() == b.duplicate());
                same.put("late", a.late() == b.late());
                yield "answer " + same.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).findFirst().orElse("?");
            }
            case Result.TickDone t -> "tick";
            default -> "answer";
        };
    }

    private static String lines(Object history) {
        if (history instanceof List<?> list) {
            return list.stream().map(Differential::line).collect(Collectors.joining("\n             ", "\n             ", ""));
        }
        return String.valueOf(history);
    }

    private static String line(Object o) {
        if (o instanceof Entry e) {
            return e.sequence() + " " + e.status() + " " + e.rule() + " " + e.decidedAt() + " r" + e.revision() + " "
                    + e.policyVersion() + (e.deadline() == null ? "" : " deadline " + e.deadline())
                    + (e.corrects() == null ? "" : " corrects " + e.corrects()) + " recorded " + e.recordedAt();
        }
        return String.valueOf(o);
    }

    /** What the corpus exercised, counted from the model's answers: so a green run is seen not to be vacuous. */
    static final class Coverage {
        private final Map<String, Integer> counts = new TreeMap<>();

        synchronized void answer(Input input, Object answer) {
            String kind = input.getClass().getSimpleName();
            switch (answer) {
                case Result.Refused r -> add(kind + " refused " + r.field());
                case Result.Answered a -> {
                    add(kind + " " + a.rule());
                    if (a.duplicate()) add(kind + " duplicate");
                    if (a.late()) add(kind + " late");
                }
                case Result.TickDone t -> {
                    if (!t.lapsed().isEmpty()) add("Tick lapsed");
                    if (!t.expired().isEmpty()) add("Tick expired");
                    if (!t.released().isEmpty()) add("Tick released");
                }
                default -> add(kind + " " + answer);
            }
        }

        synchronized void history(List<?> entries) {
            for (Object o : entries) {
                Entry e = (Entry) o;
                add("entry " + e.rule());
                if (e.corrects() != null) add("entry correction");
            }
        }

        private void add(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        int count(String key) {
            return counts.getOrDefault(key, 0);
        }

        @Override
        public synchronized String toString() {
            return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
    }
}
