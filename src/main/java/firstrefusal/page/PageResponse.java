package firstrefusal.page;

import java.util.Map;

/** What the status page answers: status, content type, body, and the security headers every response carries. */
public record PageResponse(int status, String contentType, String body, Map<String, String> headers) {

    public PageResponse {
        headers = Map.copyOf(headers);
    }
}
