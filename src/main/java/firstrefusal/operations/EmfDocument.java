package firstrefusal.operations;

import com.fasterxml.jackson.core.JsonGenerator;
import firstrefusal.wire.WireJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One document of CloudWatch's embedded metric format (EMF): a JSON log line whose {@code _aws} member tells CloudWatch
 * Logs which of its other members are metrics and which are dimensions. Written here with Jackson's streaming
 * generator rather than AWS's EMF library: the library serialises its model with a data-binding mapper whose first use
 * costs about 110 ms (its model classes introspected), more than the 5% of a cold start metrics may cost; this costs
 * about 1 ms. The format's rules kept here: at most {@value #MAX_METRICS} metrics, at most {@value #MAX_VALUES} values
 * per metric, at most 30 dimensions per set, dimension values strings.
 */
final class EmfDocument {

    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;

    /** The units the metrics use (the format takes CloudWatch's unit names). */
    enum Unit {
        COUNT("Count"), SECONDS("Seconds"), MILLISECONDS("Milliseconds");

        final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }
    }

    private record Metric(Unit unit, List<Long> values) {
    }

    private final String namespace;
    private final List<String> dimensionSets = new ArrayList<>();
    private final Map<String, String> members = new LinkedHashMap<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    EmfDocument(String namespace) {
        this.namespace = namespace;
    }

    /**
     * A dimension set of one dimension (each set makes its own copy of every metric in CloudWatch). A document with no
     * set declares the empty one: its metrics are recorded without dimensions.
     */
    EmfDocument dimension(String name, String value) {
        dimensionSets.add(name);
        members.put(name, value);
        return this;
    }

    EmfDocument metric(String name, long value, Unit unit) {
        if (!metrics.containsKey(name) && metrics.size() == MAX_METRICS) {
            throw new IllegalArgumentException("more than " + MAX_METRICS + " metrics in one document");
        }
        Metric metric = metrics.computeIfAbsent(name, n -> new Metric(unit, new ArrayList<>()));
        if (metric.unit() != unit) {
            throw new IllegalArgumentException(name + " is in " + metric.unit().wireName + ", not " + unit.wireName);
        }
        if (metric.values().size() == MAX_VALUES) {
            throw new IllegalArgumentException(name + " has " + MAX_VALUES + " values already, the format's most");
        }
        metric.values().add(value);
        return this;
    }

    /** A member that is neither metric nor dimension: searchable in the logs, not a metric. */
    EmfDocument property(String name, String value) {
        members.put(name, value);
        return this;
    }

    /** The document as one line of JSON, its metrics timestamped {@code at}. */
    String toJson(Instant at) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = WireJson.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", at.toEpochMilli());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            if (dimensionSets.isEmpty()) {
                json.writeStartArray();
                json.writeEndArray();
            }
            for (String dimension : dimensionSets) {
                json.writeStartArray();
                json.writeString(dimension);
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.getKey());
                json.writeStringField("Unit", metric.getValue().unit().wireName);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            for (Map.Entry<String, String> member : members.entrySet()) {
                json.writeStringField(member.getKey(), member.getValue());
            }
            for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
                List<Long> values = metric.getValue().values();
                json.writeFieldName(metric.getKey());
                if (values.size() == 1) {
                    json.writeNumber(values.getFirst());
                } else {
                    json.writeStartArray();
                    for (long value : values) {
                        json.writeNumber(value);
                    }
                    json.writeEndArray();
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
