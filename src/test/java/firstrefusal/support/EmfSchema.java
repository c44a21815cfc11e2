package firstrefusal.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Holds an embedded metric format document to the format: the JSON Schema in {@code emf/emf-document.schema.json}
 * (the structure), then what a schema cannot say: every dimension a directive names is a string member of the root,
 * every metric a number or a list of at most 100 numbers.
 */
public final class EmfSchema {

    private static final Schema SCHEMA = load();

    private EmfSchema() {
    }

    public static void assertValid(JsonNode doc) {
        assertThat(SCHEMA.validate(doc)).as("schema errors in %s", doc).isEmpty();
        for (JsonNode directive : doc.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                set.forEach(name -> assertThat(doc.path(name.asText()).isTextual()).as("dimension %s in %s", name, doc).isTrue());
            }
            for (JsonNode metric : directive.path("Metrics")) {
                JsonNode value = doc.path(metric.path("Name").asText());
                if (value.isArray()) {
                    assertThat(value.size()).as("values of %s in %s", metric, doc).isBetween(1, 100);
                    value.forEach(v -> assertThat(v.isNumber()).as("value of %s in %s", metric, doc).isTrue());
                } else {
                    assertThat(value.isNumber()).as("metric %s in %s", metric, doc).isTrue();
                }
            }
        }
    }

    private static Schema load() {
        try (InputStream in = EmfSchema.class.getResourceAsStream("/emf/emf-document.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
