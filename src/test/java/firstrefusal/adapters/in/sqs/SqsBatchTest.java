package firstrefusal.adapters.in.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.wire.WireJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQS adapter alone: what it takes from a record, what it refuses naming the field, and the answer it gives Lambda. */
class SqsBatchTest {

    @Test
    void theArrivalIsTheSentTimestampSqsStamped() {
        assertThat(SqsBatch.arrival(record(Map.of("SentTimestamp", "1737471602000"))))
                .contains(Instant.parse("2025-01-21T15:00:02Z"));
    }

    @Test
    void aRecordWithoutSentTimestampHasNoArrival() {
        assertThat(SqsBatch.arrival(record(Map.of()))).isEmpty();
        assertThat(SqsBatch.arrival(record(null))).isEmpty();
    }

    @Test
    void aSentTimestampThatIsNotEpochMillisecondsIsRefusedByName() {
        assertThatThrownBy(() -> SqsBatch.arrival(record(Map.of("SentTimestamp", "yesterday"))))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.field()).isEqualTo("attributes.SentTimestamp"))
                .hasMessageContaining("'yesterday'");
    }

    @Test
    void recordsThatAreNotSqsRecordsAreRefusedNamingRecords() throws Exception {
        assertThatThrownBy(() -> SqsBatch.read(WireJson.MAPPER.readTree("{\"Records\": [\"a string\"]}")))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.field()).isEqualTo("Records"));
    }

    @Test
    void anEmptyBatchReadsAsNoRecords() throws Exception {
        assertThat(SqsBatch.read(WireJson.MAPPER.readTree("{\"Records\": []}")).records()).isEmpty();
        assertThat(SqsBatch.isOne(WireJson.MAPPER.readTree("{\"Records\": []}"))).isTrue();
        assertThat(SqsBatch.isOne(WireJson.MAPPER.readTree("{\"detail-type\": \"Scheduled Event\"}"))).isFalse();
    }

    @Test
    void theAnswerNamesOnlyTheFailedMessagesAsLambdaExpects() {
        assertThat(SqsBatch.failures(List.of("m-2", "m-5")).toString())
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"m-5\"}]}");
        assertThat(SqsBatch.failures(List.of()).toString()).isEqualTo("{\"batchItemFailures\":[]}");
    }

    private static SQSEvent.SQSMessage record(Map<String, String> attributes) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setAttributes(attributes);
        return message;
    }
}
