package firstrefusal.offer;

import java.math.BigDecimal;

/** The part of an offer the material-change test compares: size and price. */
public record Terms(long gpus, BigDecimal pricePerGpuHourUsd) {
}
