package firstrefusal.domain.offer;

/** Everything {@code decide} can be asked to act on (src/docs/contract.md, "Messages in"). */
public sealed interface Message permits OfferMessage, ClockTick {
}
