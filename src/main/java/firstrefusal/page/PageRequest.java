package firstrefusal.page;

import java.util.Map;

/**
 * A request to the status page, whether it came through a Function URL or ALB event or the dev server.
 *
 * @param user   who signed in (the load balancer's verified OIDC token), or null
 * @param body   the body of a POST as the event carries it (null for none)
 * @param base64 whether the event says the body is base64
 */
public record PageRequest(String method, String path, Map<String, String> query, String accept, String user, String body,
        boolean base64) {

    public PageRequest {
        path = path == null || path.isEmpty() ? "/" : path;
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    /** A GET or HEAD: no body. */
    public PageRequest(String method, String path, Map<String, String> query, String accept, String user) {
        this(method, path, query, accept, user, null, false);
    }

    /** Without sign-in. */
    public PageRequest(String method, String path, Map<String, String> query, String accept) {
        this(method, path, query, accept, null);
    }

    boolean wantsJson() {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
