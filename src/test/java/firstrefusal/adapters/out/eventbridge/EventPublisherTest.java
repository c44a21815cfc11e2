package firstrefusal.adapters.out.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.events.OfferEvent;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How events are cut into PutEvents calls, retried, and where publication stops when something is not accepted. */
class EventPublisherTest {

    /** A sink that records every call and answers from a script: event id -> how many more times to refuse it. */
    private static final class ScriptedSink implements EventPublisher.EventSink {
        final List<List<String>> calls = new ArrayList<>();
        final Map<String, Integer> refusals = new HashMap<>();
        int failingCalls;

        @Override
        public List<Optional<String>> put(List<OfferEvent> events) {
            calls.add(events.stream().map(OfferEvent::eventId).toList());
            if (failingCalls > 0) {
                failingCalls--;
                throw new IllegalStateException("connection reset");
            }
            return events.stream().map(e -> {
                int left = refusals.getOrDefault(e.eventId(), 0);
                refusals.put(e.eventId(), Math.max(0, left - 1));
                return left > 0 ? Optional.of("ThrottlingException") : Optional.<String>empty();
            }).toList();
        }
    }

    private final ScriptedSink sink = new ScriptedSink();
    private final EventPublisher publisher = new EventPublisher(sink, Duration.ofMillis(1));

    @Test
    void atMostTenEntriesACall() {
        List<OfferEvent> events = IntStream.range(0, 23).mapToObj(i -> event("offer-" + i, 1)).toList();

        assertThat(publisher.publish(events)).isEqualTo(new EventPublisher.Result(23, Optional.empty()));
        assertThat(sink.calls).extracting(List::size).containsExactly(10, 10, 3);
    }

    @Test
    void anOffersLaterEventGoesInALaterCallThanItsEarlierOne() {
        List<OfferEvent> events = List.of(event("a", 1), event("b", 1), event("a", 2), event("a", 3), event("c", 1));

        publisher.publish(events);

        assertThat(sink.calls).containsExactly(List.of("a#1", "b#1"), List.of("a#2"), List.of("a#3", "c#1"));
    }

    @Test
    void aThrottledEntryIsRetriedAloneAndPublicationGoesOn() {
        sink.refusals.put("b#1", 2);

        EventPublisher.Result result = publisher.publish(List.of(event("a", 1), event("b", 1), event("c", 1)));

        assertThat(result).isEqualTo(new EventPublisher.Result(3, Optional.empty()));
        assertThat(sink.calls).containsExactly(List.of("a#1", "b#1", "c#1"), List.of("b#1"), List.of("b#1"));
    }

    @Test
    void anEntryNeverAcceptedStopsPublicationAtItAndNothingAfterItCounts() {
        sink.refusals.put("b#1", EventPublisher.MAX_ATTEMPTS);

        EventPublisher.Result result = publisher.publish(List.of(event("a", 1), event("b", 1), event("c", 1), event("b", 2)));

        assertThat(result.published()).as("a#1 went out; b#1 did not, so neither b#1 nor what follows is done").isEqualTo(1);
        assertThat(result.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("b#1", "ThrottlingException", "after " + EventPublisher.MAX_ATTEMPTS + " attempts"));
        assertThat(sink.calls).as("b#2 is never sent while b#1 is not accepted").noneMatch(call -> call.contains("b#2"));
    }

    @Test
    void aFailedCallIsRetriedWhole() {
        sink.failingCalls = 2;

        EventPublisher.Result result = publisher.publish(List.of(event("a", 1), event("b", 1)));

        assertThat(result).isEqualTo(new EventPublisher.Result(2, Optional.empty()));
        assertThat(sink.calls).hasSize(3).allMatch(call -> call.equals(List.of("a#1", "b#1")));
    }

    @Test
    void aCallThatKeepsFailingPublishesNothing() {
        sink.failingCalls = EventPublisher.MAX_ATTEMPTS;

        EventPublisher.Result result = publisher.publish(List.of(event("a", 1), event("b", 1)));

        assertThat(result.published()).isZero();
        assertThat(result.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("connection reset"));
    }

    @Test
    void nothingToPublishMakesNoCall() {
        assertThat(publisher.publish(List.of())).isEqualTo(new EventPublisher.Result(0, Optional.empty()));
        assertThat(sink.calls).isEmpty();
    }

    private static OfferEvent event(String offerId, long sequence) {
        CapacityOffer offer = Offers.offer(offerId).build();
        Decision decision = new Decision(offerId, 1, "oracle", Status.APPROVED, Rule.HOLDER_DECLINED, "declined", null,
                false, offer.receivedAt(), "v", false, false);
        return new OfferEvent.OfferDecided(sequence, decision, offer);
    }
}
