package firstrefusal.offer;

/** Everything {@code decide} can be asked to act on (SPEC §3). */
public sealed interface Message permits OfferMessage, ClockTick {
}
