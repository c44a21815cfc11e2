package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.decisions.DecisionService;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
import firstrefusal.support.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every page renders with the value resolvers the Qute extension generates at build time, and none by reflection: in a
 * native image Qute's reflection fallback finds nothing (no member is registered for it) and the page fails with
 * "Property not found", as {@code /decisions} did with {@code {s.name}} on an enum. {@link ReflectionFallbacks} notes
 * each expression that would reach the fallback; this test renders every page and template, with data in every
 * section, and requires that none did. It runs on the JVM, in seconds, where a native build takes minutes.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class TemplatesWithoutReflectionTest {

    @Inject
    DecisionService decisions;

    @Inject
    PageRoutes page;

    @Test
    void everyPageRendersThroughGeneratedResolversAlone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String pending = "nr-pending-" + run;
        String matched = "nr-matched-" + run;
        String withdrawn = "nr-withdrawn-" + run;
        decisions.decide(Offers.offer(pending).provider("softbank").validUntil(Offers.DEADLINE.minus(Duration.ofDays(2))).build());
        decisions.noticeSent(new Notice(pending, 1, Offers.RECEIVED));
        decisions.decide(Offers.offer(matched).provider("oracle").build());
        decisions.decide(Offers.offer(matched).provider("oracle").revision(2).gpus(20_000).receivedAt(Offers.RECEIVED.plusSeconds(60)).build());
        decisions.decide(Offers.match(matched, Offers.RECEIVED.plus(Duration.ofDays(3))));
        decisions.decide(Offers.offer(withdrawn).provider("google").build());
        decisions.decide(Offers.withdrawal(withdrawn, Offers.RECEIVED.plus(Duration.ofDays(1))));

        ReflectionFallbacks.clear();
        render("/", Map.of());
        render("/", Map.of("provider", "softbank"));
        render("/", Map.of("asOf", "2025-01-23"));
        render("/offers/" + matched, Map.of());
        render("/offers/" + pending, Map.of("asOf", "2025-01-22"));
        render("/offers/" + withdrawn, Map.of());
        render("/decisions", Map.of());
        render("/decisions", Map.of("provider", "oracle", "status", "MATCHED_BY_HOLDER", "rule", "HOLDER_MATCHED", "from", "2025-01-01"));
        render("/agreement", Map.of());
        render("/what-if", Map.of());
        render("/what-if", Map.of("first-refusal-window", "7 days", "agi-declared-at", "2025-01-22 00:00 UTC"));
        render("/what-if", Map.of("amendment", "2025-10-28", "amendment-effective-from", "2025-01-20"));
        render("/no-such-page", Map.of());
        render("/decisions", Map.of("status", "NOT_A_STATUS"));

        assertThat(ReflectionFallbacks.seen()).as("template expressions only Qute's reflection fallback answers: in a native"
                + " image they fail; give them a @TemplateExtension in page/Formats or a member of the view").isEmpty();
    }

    private void render(String path, Map<String, String> query) {
        PageResponse response = page.handle(new PageRequest("GET", path, new LinkedHashMap<>(query), "text/html"));
        assertThat(response.status()).as("%s %s: %s", path, query, response.body()).isIn(200, 400, 404);
        assertThat(response.contentType()).startsWith("text/html");
    }
}
