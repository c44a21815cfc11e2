package firstrefusal.packaged;

import java.time.Instant;

/** Events as AWS delivers them to the functions, for the packaged-artifact tests. */
final class AwsEvents {

    private AwsEvents() {
    }

    /** An EventBridge event from {@code account}; a rule targets the function with the whole event. */
    static String eventBridge(String detailType, String account, Instant time, String detail) {
        return """
                {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "%s",
                 "source": "%s", "account": "%s", "time": "%s", "region": "us-east-1",
                 "resources": [], "detail": %s}""".formatted(detailType,
                detailType.equals("Scheduled Event") ? "aws.events" : "capacity.offers", account, time, detail);
    }

    /** The clock: a Scheduled Event at {@code now}. */
    static String tick(Instant now) {
        return eventBridge("Scheduled Event", "000000000000", now, "{}");
    }

    /** A Lambda Function URL (API Gateway HTTP API payload 2.0) GET request; {@code path?name=value} carries one parameter. */
    static String functionUrlGet(String pathAndQuery, String accept) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        String parameters = query.isEmpty() ? "" : ", \"queryStringParameters\": {\"" + query.replace("=", "\": \"") + "\"}";
        return functionUrl("GET", path, query, parameters, "\"accept\": \"" + accept + "\"", "");
    }

    /** A Lambda Function URL POST with a form body, base64-encoded as the URL hands a form over. */
    static String functionUrlPost(String path, String form) {
        String body = java.util.Base64.getEncoder().encodeToString(form.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return functionUrl("POST", path, "", "", "\"accept\": \"text/html\", \"content-type\": \"application/x-www-form-urlencoded\"",
                ", \"body\": \"" + body + "\", \"isBase64Encoded\": true");
    }

    private static String functionUrl(String method, String path, String query, String parameters, String headers, String body) {
        return """
                {"version": "2.0", "routeKey": "$default", "rawPath": "%s", "rawQueryString": "%s"%s,
                 "headers": {%s, "host": "abc123.lambda-url.us-east-1.on.aws", "user-agent": "it"},
                 "requestContext": {"accountId": "anonymous", "apiId": "abc123",
                   "domainName": "abc123.lambda-url.us-east-1.on.aws", "domainPrefix": "abc123",
                   "http": {"method": "%s", "path": "%s", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                     "userAgent": "it"},
                   "requestId": "c3a1f3e2-0000-4000-8000-000000000001", "routeKey": "$default", "stage": "$default",
                   "time": "21/Jan/2025:15:00:00 +0000", "timeEpoch": 1737471600000}%s}""".formatted(path, query, parameters,
                headers, method, path, body.isEmpty() ? ", \"isBase64Encoded\": false" : body);
    }

    static String offer(String offerId, String provider, Instant receivedAt, long gpus) {
        return """
                {"kind": "offer", "offerId": "%s", "provider": "%s", "gpus": %d, "megawatts": 60,
                 "region": "us-tx-plano", "workload": "TRAINING", "startDate": "2027-09-01", "termMonths": 36,
                 "pricePerGpuHourUsd": 2.35, "receivedAt": "%s"}""".formatted(offerId, provider, gpus, receivedAt);
    }

    static String answer(String responseId, String offerId, String answer, Instant at) {
        return """
                {"kind": "holder-response", "responseId": "%s", "offerId": "%s", "responder": "azure",
                 "answer": "%s", "respondedAt": "%s"}""".formatted(responseId, offerId, answer, at);
    }

    static String withdrawal(String offerId, Instant at) {
        return """
                {"kind": "withdrawal", "offerId": "%s", "withdrawnAt": "%s"}""".formatted(offerId, at);
    }
}
