package firstrefusal.differential;

import firstrefusal.reference.Input;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A generated world: the agreements as deployed, and the inputs in the order they are processed, each with its processing
 * instant ({@code recordedAt}, strictly increasing). Replayed from its seed alone.
 */
record World(String name, long seed, Scenario scenario, List<Step> steps) {

    /** An input, processed at {@code recordedAt}. */
    record Step(Input input, Instant recordedAt) {

        String offerId() {
            return switch (input) {
                case Input.Offer o -> o.offerId();
                case Input.Answer a -> a.offerId();
                case Input.Withdrawal w -> w.offerId();
                case Input.Notice n -> n.offerId();
                case Input.Tick t -> null;
            };
        }

        @Override
        public String toString() {
            return "at " + recordedAt + ": " + input;
        }
    }

    World with(List<Step> other) {
        return new World(name, seed, scenario, List.copyOf(other));
    }

    Set<String> offerIds() {
        Set<String> ids = new TreeSet<>();
        steps.stream().map(Step::offerId).filter(id -> id != null).forEach(ids::add);
        return ids;
    }
}
