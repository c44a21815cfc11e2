package firstrefusal.page;

import java.util.Map;

/** A request to the status page, whether it came through a Function URL event or the dev server. */
public record PageRequest(String method, String path, Map<String, String> query, String accept) {

    public PageRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    boolean wantsJson() {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
