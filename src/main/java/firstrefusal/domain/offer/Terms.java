package firstrefusal.domain.offer;

import java.math.BigDecimal;

/** What the holder is asked to match and the material-change test compares: which revision, its size and price. */
public record Terms(int revision, long gpus, BigDecimal pricePerGpuHourUsd) {
}
