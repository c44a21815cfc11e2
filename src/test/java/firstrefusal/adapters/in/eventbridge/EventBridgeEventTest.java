package firstrefusal.adapters.in.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.offer.Answer;
import firstrefusal.domain.offer.ClockTick;
import firstrefusal.domain.offer.HolderResponse;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.wire.WireJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The EventBridge adapter alone: the envelope's detail-type says what the detail is, and the account is EventBridge's. */
class EventBridgeEventTest {

    private static final String RESPONSE = """
            {"detail-type": "Holder Response", "account": "111122223333", "time": "2025-01-22T09:00:00Z",
             "detail": {"responseId": "r-1", "offerId": "o-1", "responder": "azure", "answer": "MATCH",
                        "respondedAt": "2025-01-22T08:59:00Z"}}
            """;

    @Test
    void aScheduledEventIsTheClockAtItsTime() throws Exception {
        EventBridgeEvent event = read("{\"detail-type\": \"Scheduled Event\", \"time\": \"2025-01-21T15:00:00Z\", \"detail\": {}}");

        assertThat(event.message()).isEqualTo(new ClockTick(Instant.parse("2025-01-21T15:00:00Z")));
        assertThat(event.account()).isEmpty();
    }

    @Test
    void aHolderResponseIsReadFromItsDetailWithTheKindItsDetailTypeSays() throws Exception {
        EventBridgeEvent event = read(RESPONSE);

        assertThat(event.message()).isInstanceOfSatisfying(HolderResponse.class, r -> {
            assertThat(r.responseId()).isEqualTo("r-1");
            assertThat(r.answer()).isEqualTo(Answer.MATCH);
            assertThat(r.respondedAt()).isEqualTo(Instant.parse("2025-01-22T08:59:00Z"));
        });
        assertThat(event.account()).contains("111122223333");
    }

    @Test
    void aDetailThatStatesAnotherKindIsRefusedNamingDetailKind() throws Exception {
        EventBridgeEvent event = read(RESPONSE.replace("\"responseId\"", "\"kind\": \"offer\", \"responseId\""));

        assertThatThrownBy(event::message).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("detail.kind"));
    }

    @Test
    void anUnknownDetailTypeIsRefusedNamingIt() throws Exception {
        EventBridgeEvent event = read(RESPONSE.replace("Holder Response", "Holder Reply"));

        assertThatThrownBy(event::message).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("detail-type")).hasMessageContaining("'Holder Reply'");
    }

    @Test
    void aMessageWithoutADetailObjectIsRefusedNamingDetail() throws Exception {
        EventBridgeEvent event = read("{\"detail-type\": \"Offer Withdrawal\", \"detail\": \"withdrawn\"}");

        assertThatThrownBy(event::message).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("detail"));
    }

    @Test
    void anEnvelopeWithoutDetailTypeIsRefusedNamingIt() {
        assertThatThrownBy(() -> read("{\"source\": \"x\"}")).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("detail-type"));
    }

    private static EventBridgeEvent read(String json) throws Exception {
        return EventBridgeEvent.read(WireJson.MAPPER.readTree(json));
    }
}
