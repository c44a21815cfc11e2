package firstrefusal.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test application with {@link FaultInjector} on its DynamoDB client, beside the request counter. */
public class FaultInjectionProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.dynamodb.interceptors",
                DynamoDbRequestCounter.class.getName() + "," + FaultInjector.class.getName());
    }
}
