package firstrefusal.support;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Real-shaped Lambda event payloads (as AWS documents them) around our messages, for the function tests. */
public final class Events {

    private Events() {
    }

    /** The contract's example offer, with the id and times given. */
    public static String offer(String offerId, Instant receivedAt, Instant validUntil) {
        return """
                {"kind": "offer", "offerId": "%s", "revision": 1, "provider": "oracle",
                 "gpus": 64000, "megawatts": 200, "region": "us-tx-abilene", "workload": "TRAINING",
                 "startDate": "2025-06-01", "termMonths": 48, "pricePerGpuHourUsd": 2.10,
                 %s"receivedAt": "%s"}""".formatted(offerId, validUntil == null ? "" : "\"validUntil\": \"" + validUntil + "\",", receivedAt);
    }

    public static String answer(String responseId, String offerId, String answer, Instant at) {
        return """
                {"kind": "holder-response", "responseId": "%s", "offerId": "%s",
                 "responder": "azure", "answer": "%s", "respondedAt": "%s"}""".formatted(responseId, offerId, answer, at);
    }

    public static String withdrawal(String offerId, Instant at) {
        return """
                {"kind": "withdrawal", "offerId": "%s", "withdrawnAt": "%s"}""".formatted(offerId, at);
    }

    /** An EventBridge event whose detail is a message. */
    public static String eventBridge(String detailType, String detail) {
        return """
                {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "%s",
                 "source": "capacity.offers", "account": "111122223333", "time": "2025-01-21T15:00:00Z",
                 "region": "us-east-1", "resources": [], "detail": %s}""".formatted(detailType, detail);
    }

    /** The EventBridge Scheduled Event a schedule rule sends: the clock tick. */
    public static String scheduledEvent(Instant time) {
        return """
                {"version": "0", "id": "89d1a02d-5ec7-412e-82f5-13505f849b41", "detail-type": "Scheduled Event",
                 "source": "aws.events", "account": "111122223333", "time": "%s", "region": "us-east-1",
                 "resources": ["arn:aws:events:us-east-1:111122223333:rule/first-refusal-clock"], "detail": {}}""".formatted(time);
    }

    /** A record body and when it reached the queue (its {@code SentTimestamp}). */
    public record Sent(String body, Instant at) {

        /** Sent the moment the message says: its own instant ({@code receivedAt}, {@code respondedAt}, ...), if it has one. */
        public static Sent asDated(String body) {
            return new Sent(body, ownInstant(body));
        }
    }

    /** An SQS event holding one record per body, each reaching the queue at its own instant; message ids m-0, m-1, ... */
    public static String sqs(List<String> bodies) {
        return sqsSent(bodies.stream().map(Sent::asDated).toList());
    }

    /** An SQS event holding one record per body, with the SentTimestamp given; message ids m-0, m-1, ... */
    public static String sqsSent(List<Sent> records) {
        return "{\"Records\": [" + java.util.stream.IntStream.range(0, records.size())
                .mapToObj(i -> sqsRecord("m-" + i, records.get(i).body(), records.get(i).at())).collect(Collectors.joining(",")) + "]}";
    }

    /** The instant a message body carries, in an EventBridge envelope or bare; the epoch when it carries none (not JSON). */
    private static Instant ownInstant(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = WireMessages.JSON.readTree(body);
            com.fasterxml.jackson.databind.JsonNode message = node.has("detail") ? node.get("detail") : node;
            for (String field : List.of("receivedAt", "respondedAt", "withdrawnAt")) {
                if (message.hasNonNull(field)) {
                    Instant at = Instant.parse(message.get(field).asText());
                    at.toEpochMilli(); // a hostile instant beyond the milliseconds SQS stamps: no arrival to speak of
                    return at;
                }
            }
            return node.hasNonNull("time") ? Instant.parse(node.get("time").asText()) : Instant.EPOCH;
        } catch (Exception notAMessage) {
            return Instant.EPOCH;
        }
    }

    private static String sqsRecord(String messageId, String body, Instant sentAt) {
        return """
                {"messageId": "%s", "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
                 "body": %s,
                 "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "%d",
                   "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "%d"},
                 "messageAttributes": {}, "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
                 "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:111122223333:first-refusal-offers",
                 "awsRegion": "us-east-1"}""".formatted(messageId, quote(body), sentAt.toEpochMilli(), sentAt.toEpochMilli() + 2);
    }

    private static String quote(String body) {
        return "\"" + body.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
