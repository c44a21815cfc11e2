package firstrefusal.storage;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.Rule;
import firstrefusal.offer.Status;
import firstrefusal.offer.Workload;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores the domain records as DynamoDB maps, field by field: no reflection (fast cold start, native
 * ready), and the stored names are the wire names of src/docs/contract.md.
 */
final class DomainConverters {

    private DomainConverters() {
    }

    static final AttributeConverter<CapacityOffer> OFFER = new MapConverter<>(CapacityOffer.class) {
        @Override
        void write(CapacityOffer o, Map<String, AttributeValue> m) {
            m.put("offerId", s(o.offerId()));
            m.put("revision", n(o.revision()));
            m.put("provider", s(o.provider()));
            m.put("gpus", n(o.gpus()));
            if (o.megawatts() != null) {
                m.put("megawatts", n(o.megawatts()));
            }
            m.put("region", s(o.region()));
            m.put("workload", s(o.workload().name()));
            m.put("startDate", s(o.startDate().toString()));
            m.put("termMonths", n(o.termMonths()));
            m.put("pricePerGpuHourUsd", n(o.pricePerGpuHourUsd()));
            if (o.validUntil() != null) {
                m.put("validUntil", s(o.validUntil().toString()));
            }
            m.put("receivedAt", s(o.receivedAt().toString()));
        }

        @Override
        CapacityOffer read(Map<String, AttributeValue> m) {
            return new CapacityOffer(str(m, "offerId"), (int) lng(m, "revision"), str(m, "provider"), lng(m, "gpus"),
                    dec(m, "megawatts"), str(m, "region"), Workload.valueOf(str(m, "workload")),
                    LocalDate.parse(str(m, "startDate")), (int) lng(m, "termMonths"), dec(m, "pricePerGpuHourUsd"),
                    instant(m, "validUntil"), instant(m, "receivedAt"));
        }
    };

    static final AttributeConverter<Decision> DECISION = new MapConverter<>(Decision.class) {
        @Override
        void write(Decision d, Map<String, AttributeValue> m) {
            m.put("offerId", s(d.offerId()));
            m.put("revision", n(d.revision()));
            m.put("provider", s(d.provider()));
            m.put("status", s(d.status().name()));
            m.put("rule", s(d.rule().name()));
            m.put("reason", s(d.reason()));
            if (d.firstRefusalDeadline() != null) {
                m.put("firstRefusalDeadline", s(d.firstRefusalDeadline().toString()));
            }
            m.put("atRisk", AttributeValue.fromBool(d.atRisk()));
            m.put("decidedAt", s(d.decidedAt().toString()));
            m.put("policyVersion", s(d.policyVersion()));
        }

        @Override
        Decision read(Map<String, AttributeValue> m) {
            return new Decision(str(m, "offerId"), (int) lng(m, "revision"), str(m, "provider"),
                    Status.valueOf(str(m, "status")), Rule.valueOf(str(m, "rule")), str(m, "reason"),
                    instant(m, "firstRefusalDeadline"), m.get("atRisk").bool(), instant(m, "decidedAt"),
                    str(m, "policyVersion"), false, false);
        }
    };

    /** A record stored as one map attribute. */
    private abstract static class MapConverter<T> implements AttributeConverter<T> {

        private final Class<T> type;

        MapConverter(Class<T> type) {
            this.type = type;
        }

        abstract void write(T value, Map<String, AttributeValue> map);

        abstract T read(Map<String, AttributeValue> map);

        @Override
        public AttributeValue transformFrom(T input) {
            Map<String, AttributeValue> map = new HashMap<>();
            write(input, map);
            return AttributeValue.fromM(map);
        }

        @Override
        public T transformTo(AttributeValue input) {
            return read(input.m());
        }

        @Override
        public EnhancedType<T> type() {
            return EnhancedType.of(type);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(Number value) {
        return AttributeValue.fromN(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }

    private static long lng(Map<String, AttributeValue> m, String name) {
        return Long.parseLong(m.get(name).n());
    }

    private static BigDecimal dec(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : new BigDecimal(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String v = str(m, name);
        return v == null ? null : Instant.parse(v);
    }
}
