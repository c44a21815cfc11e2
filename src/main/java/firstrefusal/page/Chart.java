package firstrefusal.page;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The outstanding-GPUs-by-provider bar chart, laid out here so the template only draws it (SVG, no script). */
public record Chart(int width, int height, int barX, int barHeight, List<Bar> bars) {

    public record Bar(String label, BigInteger gpus, int y, int width, int textY, int valueX) {
    }

    private static final int LABEL_WIDTH = 230;
    private static final int BAR_AREA = 520;
    private static final int BAR_HEIGHT = 22;
    private static final int GAP = 10;

    /** Providers in the board's order (by outstanding GPUs), each bar scaled to the largest. */
    static Chart of(Board board) {
        BigInteger max = board.providers().stream().map(Board.ProviderGroup::gpus).max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        List<Bar> bars = new ArrayList<>();
        int y = GAP;
        for (Board.ProviderGroup group : board.providers()) {
            int width = max.signum() == 0 ? 0 : (int) Math.max(2, Math.round(BAR_AREA * group.gpus().doubleValue() / max.doubleValue()));
            bars.add(new Bar(group.name(), group.gpus(), y, width, y + BAR_HEIGHT - 6, LABEL_WIDTH + width + 8));
            y += BAR_HEIGHT + GAP;
        }
        return new Chart(LABEL_WIDTH + BAR_AREA + 130, Math.max(y, 2 * GAP), LABEL_WIDTH, BAR_HEIGHT, List.copyOf(bars));
    }
}
