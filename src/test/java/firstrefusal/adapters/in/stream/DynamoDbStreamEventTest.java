package firstrefusal.adapters.in.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.wire.WireJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream adapter alone: DynamoDB JSON images read into the SDK's values, and a malformed record refused by its path. */
class DynamoDbStreamEventTest {

    @Test
    void anInsertsImageIsReadIntoTheSdksAttributeValuesOfEveryType() throws Exception {
        DynamoDbStreamEvent event = read("""
                {"Records": [{"eventName": "INSERT", "dynamodb": {"SequenceNumber": "111",
                  "ApproximateCreationDateTime": 1737471602.5,
                  "NewImage": {"pk": {"S": "OFFER#o-1"}, "seq": {"N": "3"}, "open": {"BOOL": true}, "gone": {"NULL": true},
                               "tags": {"SS": ["a", "b"]}, "decision": {"M": {"status": {"S": "PENDING"}}},
                               "list": {"L": [{"N": "1"}, {"S": "two"}]}, "raw": {"B": "AQI="}}}}]}
                """);

        DynamoDbStreamEvent.StreamRecord only = event.records().getFirst();
        assertThat(only.sequenceNumber()).isEqualTo("111");
        assertThat(only.isInsert()).isTrue();
        assertThat(only.written()).isEqualTo(Instant.parse("2025-01-21T15:00:02.500Z"));
        assertThat(only.newImage()).containsEntry("pk", AttributeValue.fromS("OFFER#o-1"))
                .containsEntry("seq", AttributeValue.fromN("3"))
                .containsEntry("open", AttributeValue.fromBool(true))
                .containsEntry("gone", AttributeValue.fromNul(true))
                .containsEntry("tags", AttributeValue.fromSs(List.of("a", "b")));
        assertThat(only.newImage().get("decision").m()).containsEntry("status", AttributeValue.fromS("PENDING"));
        assertThat(only.newImage().get("list").l()).containsExactly(AttributeValue.fromN("1"), AttributeValue.fromS("two"));
        assertThat(only.newImage().get("raw").b().asByteArray()).containsExactly(1, 2);
    }

    @Test
    void modifiesRemovesAndImagelessInsertsAreNotInserts() throws Exception {
        DynamoDbStreamEvent event = read("""
                {"Records": [
                  {"eventName": "MODIFY", "dynamodb": {"SequenceNumber": "1", "NewImage": {"pk": {"S": "x"}}}},
                  {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "2"}},
                  {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "3"}}]}
                """);

        assertThat(event.records()).extracting(DynamoDbStreamEvent.StreamRecord::isInsert).containsExactly(false, false, false);
        assertThat(event.records()).extracting(DynamoDbStreamEvent.StreamRecord::written).containsOnlyNulls();
    }

    @Test
    void aRecordWithoutItsSequenceNumberIsRefusedByItsPath() {
        assertRefused("{\"Records\": [{\"eventName\": \"INSERT\", \"dynamodb\": {}}]}", "Records[0].dynamodb.SequenceNumber");
        assertRefused("{\"Records\": [{\"eventName\": \"INSERT\"}]}", "Records[0].dynamodb");
        assertRefused("{\"Records\": {}}", "Records");
    }

    @Test
    void aValueOfNoDynamoDbTypeIsRefusedByItsPath() {
        assertRefused("""
                {"Records": [{"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1",
                  "NewImage": {"decision": {"M": {"status": {"STRING": "PENDING"}}}}}}]}
                """, "Records[0].dynamodb.NewImage.decision.status");
        assertRefused("""
                {"Records": [{"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1",
                  "NewImage": {"list": {"L": [{"S": "a"}, {"S": "b", "N": "1"}]}}}}]}
                """, "Records[0].dynamodb.NewImage.list[1]");
    }

    private static void assertRefused(String json, String field) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private static DynamoDbStreamEvent read(String json) throws Exception {
        return DynamoDbStreamEvent.read(WireJson.MAPPER.readTree(json));
    }
}
