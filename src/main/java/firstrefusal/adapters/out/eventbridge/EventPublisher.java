package firstrefusal.adapters.out.eventbridge;

import firstrefusal.domain.decisions.Backoff;
import firstrefusal.domain.events.OfferEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes events in the order given, at most {@value #MAX_PER_CALL} a call, and never two events of one
 * offer in the same call: an offer's later event goes out only once its earlier one was accepted, so one
 * offer's events leave in sequence order. Failed entries (throttled, or refused) and failed calls are tried
 * again with backoff; what still fails stops the publication there, and nothing after it counts as published.
 */
public final class EventPublisher {

    /** PutEvents takes at most 10 entries a call. */
    public static final int MAX_PER_CALL = 10;
    public static final int MAX_ATTEMPTS = 4;

    /** Where events go: one call per batch. */
    public interface EventSink {

        /**
         * @return for each event, in order: empty when accepted, else why it was not (an error code)
         * @throws RuntimeException when the call as a whole failed; then no entry counts as accepted
         */
        List<Optional<String>> put(List<OfferEvent> events);
    }

    /**
     * How far publication got: the first {@code published} events were accepted; if that is not all of
     * them, {@code failure} says why the next one was not.
     */
    public record Result(int published, Optional<String> failure) {
    }

    private final EventSink sink;
    private final Duration firstBackoff;

    public EventPublisher(EventSink sink) {
        this(sink, Duration.ofMillis(100));
    }

    public EventPublisher(EventSink sink, Duration firstBackoff) {
        this.sink = sink;
        this.firstBackoff = firstBackoff;
    }

    public Result publish(List<OfferEvent> events) {
        int done = 0;
        while (done < events.size()) {
            List<OfferEvent> call = nextCall(events, done);
            Optional<Unaccepted> unaccepted = putWithRetries(call);
            if (unaccepted.isPresent()) {
                return new Result(done + unaccepted.get().index(), Optional.of(unaccepted.get().reason()));
            }
            done += call.size();
        }
        return new Result(done, Optional.empty());
    }

    /** The first event of a call that was never accepted, by its place in the call. */
    private record Unaccepted(int index, String reason) {
    }

    /** Up to ten events from {@code from} on, stopping before an offer that already has an event in the call. */
    private static List<OfferEvent> nextCall(List<OfferEvent> events, int from) {
        List<OfferEvent> call = new ArrayList<>();
        Set<String> offers = new HashSet<>();
        for (int i = from; i < events.size() && call.size() < MAX_PER_CALL; i++) {
            if (!offers.add(events.get(i).offerId())) {
                break;
            }
            call.add(events.get(i));
        }
        return call;
    }

    /** Puts one call's events, retrying those not accepted; the first that never was, if any. */
    private Optional<Unaccepted> putWithRetries(List<OfferEvent> call) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < call.size(); i++) {
            open.add(i);
        }
        for (int attempt = 1; ; attempt++) {
            List<Integer> stillOpen = new ArrayList<>();
            String reason = null;
            try {
                List<Optional<String>> outcomes = sink.put(open.stream().map(call::get).toList());
                for (int i = 0; i < open.size(); i++) {
                    Optional<String> error = i < outcomes.size() ? outcomes.get(i) : Optional.of("no answer for this entry");
                    if (error.isPresent()) {
                        if (stillOpen.isEmpty()) {
                            reason = call.get(open.get(i)).eventId() + " not accepted: " + error.get();
                        }
                        stillOpen.add(open.get(i));
                    }
                }
            } catch (RuntimeException e) {
                stillOpen = open;
                reason = "PutEvents failed: " + e.getMessage();
            }
            if (stillOpen.isEmpty()) {
                return Optional.empty();
            }
            if (attempt >= MAX_ATTEMPTS) {
                return Optional.of(new Unaccepted(stillOpen.getFirst(), reason + " (after " + attempt + " attempts)"));
            }
            open = stillOpen;
            Backoff.pause(firstBackoff, attempt);
        }
    }
}
