package firstrefusal.page;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The deadline timeline on the status page, laid out here so the template only draws it (SVG, no script): one bar per
 * pending offer from the receipt of its revision in force to the holder's deadline, the soonest due first, a line at the board's
 * instant, and a mark where the offer's own {@code validUntil} falls inside its window. At most {@code maxRows} bars;
 * the rest are counted, not drawn.
 *
 * <p>The chart spans at most {@value #SPAN_DAYS} days either side of its instant: a bar reaching beyond is cut at the edge
 * and marked there, so one implausible date cannot squeeze every other bar into a sliver.
 */
record Timeline(int width, int height, int plotX, int plotWidth, int axisY, List<Bar> bars, List<Tick> ticks, int nowX,
        int hidden, boolean clipped) {

    /**
     * One offer's window; {@code validUntilX} is null unless its own expiry falls inside the window; {@code cutStart} and
     * {@code cutEnd} mark a bar cut at the chart's edge.
     */
    record Bar(String offerId, String label, int y, int x, int width, int labelY, boolean overdue, boolean atRisk,
            Integer validUntilX, boolean cutStart, boolean cutEnd, String title) {

        public int barY() {
            return y + 3;
        }

        public int end() {
            return x + width;
        }
    }

    record Tick(int x, String label) {
    }

    static final long SPAN_DAYS = 60;
    private static final int LABEL_WIDTH = 260;
    private static final int LABEL_CHARS = 34;
    private static final int PLOT_WIDTH = 640;
    private static final int ROW = 20;
    private static final int TOP = 8;
    private static final int AXIS = 26;
    private static final int MAX_TICKS = 7;
    private static final long[] STEP_DAYS = {1, 2, 7, 14, 30};

    public long spanDays() {
        return SPAN_DAYS;
    }

    public int tickY() {
        return axisY + 16;
    }

    static Timeline of(List<Board.Row> rows, Instant asOf, int maxRows) {
        List<Board.Row> drawn = rows.stream().limit(maxRows).toList();
        Instant earliest = asOf.minus(Duration.ofDays(SPAN_DAYS));
        Instant latest = asOf.plus(Duration.ofDays(SPAN_DAYS));
        Instant start = drawn.stream().map(Timeline::opened).min(Instant::compareTo).orElse(asOf);
        Instant end = drawn.stream().map(r -> r.decision().firstRefusalDeadline()).max(Instant::compareTo).orElse(asOf);
        start = max(earliest, start.isAfter(asOf) ? asOf : start);
        end = min(latest, end.isBefore(asOf) ? asOf : end);
        Scale scale = new Scale(start, end.equals(start) ? start.plus(Duration.ofDays(1)) : end);
        List<Bar> bars = new ArrayList<>();
        int y = TOP;
        for (Board.Row r : drawn) {
            Instant opened = opened(r);
            Instant deadline = r.decision().firstRefusalDeadline();
            Instant validUntil = r.offer().validUntil();
            int x = scale.x(opened);
            // The mark is 3 wide, centred on the instant.
            Integer validX = validUntil != null && validUntil.isBefore(deadline) && validUntil.isAfter(opened)
                    && scale.covers(validUntil) ? scale.x(validUntil) - 1 : null;
            boolean cutStart = opened.isBefore(scale.start());
            boolean cutEnd = deadline.isAfter(scale.end());
            String id = r.offer().offerId();
            bars.add(new Bar(id, id.length() > LABEL_CHARS ? id.substring(0, LABEL_CHARS - 1) + "…" : id, y, x,
                    Math.max(2, scale.x(deadline) - x), y + ROW - 7, r.overdue(), r.decision().atRisk(), validX, cutStart, cutEnd,
                    id + ": received " + Formats.utc(opened) + ", deadline " + Formats.utc(deadline)
                            + (validUntil == null ? "" : ", valid until " + Formats.utc(validUntil))
                            + (cutStart || cutEnd ? " (cut at the edge of the chart)" : "")));
            y += ROW;
        }
        int axisY = y + 4;
        boolean clipped = bars.stream().anyMatch(b -> b.cutStart() || b.cutEnd());
        return new Timeline(LABEL_WIDTH + PLOT_WIDTH + 20, axisY + AXIS, LABEL_WIDTH, PLOT_WIDTH, axisY, List.copyOf(bars),
                scale.ticks(), scale.x(asOf), rows.size() - drawn.size(), clipped);
    }

    /** Where a bar starts: when the revision in force was received. */
    private static Instant opened(Board.Row r) {
        return r.offer().receivedAt();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Instants to x positions over the plot, and day ticks at a step that leaves at most {@value #MAX_TICKS} of them. */
    private record Scale(Instant start, Instant end) {

        boolean covers(Instant t) {
            return !t.isBefore(start) && !t.isAfter(end);
        }

        int x(Instant t) {
            double share = (double) Duration.between(start, t).toMillis() / Duration.between(start, end).toMillis();
            return LABEL_WIDTH + (int) Math.round(Math.max(0, Math.min(1, share)) * PLOT_WIDTH);
        }

        List<Tick> ticks() {
            long days = Math.max(1, Duration.between(start, end).toDays());
            long step = STEP_DAYS[STEP_DAYS.length - 1];
            for (long candidate : STEP_DAYS) {
                if (days / candidate < MAX_TICKS) {
                    step = candidate;
                    break;
                }
            }
            List<Tick> ticks = new ArrayList<>();
            for (Instant t = start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)); !t.isAfter(end); t = t.plus(Duration.ofDays(step))) {
                ticks.add(new Tick(x(t), Formats.day(t)));
            }
            return List.copyOf(ticks);
        }
    }
}
