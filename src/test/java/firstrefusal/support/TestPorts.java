package firstrefusal.support;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the running test application listens: the status page's dev server and Quarkus' mock Lambda
 * event server. Both come from configuration (-Dtest.page-port=, -Dtest.lambda-port=), so two checkouts
 * can run their tests side by side.
 */
public final class TestPorts {

    private TestPorts() {
    }

    public static int page() {
        return ConfigProvider.getConfig().getValue("status-page.dev-server.port", Integer.class);
    }

    public static int lambda() {
        return ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
    }
}
