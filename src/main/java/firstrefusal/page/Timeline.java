package firstrefusal.page;

import firstrefusal.offer.OfferState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The deadline timeline on the status page, laid out here so the template only draws it (SVG, no script): one
 * bar per pending offer from receipt to deadline, most urgent first, a line at "now", and a mark where the offer's
 * own {@code validUntil} falls inside its window. At most {@code maxRows} bars; the rest are counted, not drawn.
 */
record Timeline(int width, int height, int plotX, int plotWidth, int axisY, List<Bar> bars, List<Tick> ticks, int nowX,
        int hidden) {

    /** One offer's window; {@code validUntilX} is null unless its own expiry falls inside the window. */
    record Bar(String offerId, String provider, int y, int x, int width, int labelY, boolean overdue, boolean atRisk,
            Integer validUntilX, String title) {

        public int barY() {
            return y + 3;
        }
    }

    public int tickY() {
        return axisY + 16;
    }

    record Tick(int x, String label) {
    }

    private static final int LABEL_WIDTH = 260;
    private static final int PLOT_WIDTH = 640;
    private static final int ROW = 20;
    private static final int TOP = 8;
    private static final int AXIS = 26;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long[] STEP_DAYS = {1, 2, 7, 14, 30, 91, 182, 365};

    static Timeline of(List<OfferState> outstanding, Instant asOf, int maxRows) {
        List<OfferState> urgent = outstanding.stream()
                .sorted(Comparator.comparing((OfferState s) -> s.decision().firstRefusalDeadline()).thenComparing(OfferState::offerId))
                .limit(maxRows)
                .toList();
        Instant start = urgent.stream().map(s -> s.offer().receivedAt()).min(Comparator.naturalOrder()).orElse(asOf);
        Instant end = urgent.stream().map(s -> s.decision().firstRefusalDeadline()).max(Comparator.naturalOrder()).orElse(asOf);
        start = start.isAfter(asOf) ? asOf : start;
        end = end.isBefore(asOf) ? asOf : end;
        Scale scale = new Scale(start, end.equals(start) ? start.plus(Duration.ofDays(1)) : end);
        List<Bar> bars = new ArrayList<>();
        int y = TOP;
        for (OfferState s : urgent) {
            Instant received = s.offer().receivedAt();
            Instant deadline = s.decision().firstRefusalDeadline();
            Instant validUntil = s.offer().validUntil();
            int x = scale.x(received);
            // The mark is 3 wide, centred on the instant.
            Integer validX = validUntil != null && validUntil.isBefore(deadline) && validUntil.isAfter(received)
                    ? scale.x(validUntil) - 1 : null;
            bars.add(new Bar(s.offerId(), s.offer().provider(), y, x, Math.max(2, scale.x(deadline) - x), y + ROW - 7,
                    !deadline.isAfter(asOf), s.decision().atRisk(), validX,
                    s.offerId() + ": received " + Formats.utc(received) + ", deadline " + Formats.utc(deadline)
                            + (validX == null ? "" : ", valid until " + Formats.utc(validUntil))));
            y += ROW;
        }
        int axisY = y + 4;
        return new Timeline(LABEL_WIDTH + PLOT_WIDTH + 20, axisY + AXIS, LABEL_WIDTH, PLOT_WIDTH, axisY, List.copyOf(bars),
                scale.ticks(), scale.x(asOf), outstanding.size() - urgent.size());
    }

    /** Instants to x positions over the plot, and day ticks at a step that leaves at most eight of them. */
    private record Scale(Instant start, Instant end) {

        int x(Instant t) {
            double share = (double) Duration.between(start, t).toMillis() / Duration.between(start, end).toMillis();
            return LABEL_WIDTH + (int) Math.round(Math.max(0, Math.min(1, share)) * PLOT_WIDTH);
        }

        List<Tick> ticks() {
            long days = Math.max(1, Duration.between(start, end).toDays());
            long step = STEP_DAYS[STEP_DAYS.length - 1];
            for (long candidate : STEP_DAYS) {
                if (days / candidate <= 8) {
                    step = candidate;
                    break;
                }
            }
            List<Tick> ticks = new ArrayList<>();
            for (Instant t = start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)); !t.isAfter(end); t = t.plus(Duration.ofDays(step))) {
                ticks.add(new Tick(x(t), DAY.format(t)));
            }
            return List.copyOf(ticks);
        }
    }
}
