package firstrefusal.storage;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import firstrefusal.offer.Rule;
import firstrefusal.offer.Status;
import firstrefusal.offer.Terms;
import firstrefusal.offer.Window;
import firstrefusal.offer.Workload;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores the domain records as DynamoDB maps, field by field: no reflection (fast cold start, native ready), and the
 * stored names are the wire names of src/docs/contract.md. Reading takes what is stored as it is: no check of today's
 * message rules, so a rule tightened later never makes the record unreadable.
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
            putIf(m, "megawatts", o.megawatts(), DomainConverters::exact);
            m.put("region", s(o.region()));
            m.put("workload", s(o.workload().name()));
            m.put("startDate", s(o.startDate().toString()));
            m.put("termMonths", n(o.termMonths()));
            m.put("pricePerGpuHourUsd", exact(o.pricePerGpuHourUsd()));
            putIf(m, "validUntil", o.validUntil(), DomainConverters::s);
            m.put("receivedAt", s(o.receivedAt().toString()));
            putIf(m, "customer", o.customer(), DomainConverters::s);
        }

        @Override
        CapacityOffer read(Map<String, AttributeValue> m) {
            return new CapacityOffer(str(m, "offerId"), (int) lng(m, "revision"), str(m, "provider"), lng(m, "gpus"),
                    dec(m, "megawatts"), str(m, "region"), Workload.valueOf(str(m, "workload")),
                    LocalDate.parse(str(m, "startDate")), (int) lng(m, "termMonths"), dec(m, "pricePerGpuHourUsd"),
                    instant(m, "validUntil"), instant(m, "receivedAt"), str(m, "customer"));
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
            putIf(m, "firstRefusalDeadline", d.firstRefusalDeadline(), DomainConverters::s);
            m.put("atRisk", AttributeValue.fromBool(d.atRisk()));
            m.put("decidedAt", s(d.decidedAt().toString()));
            m.put("policyVersion", s(d.policyVersion()));
            if (d.late()) {
                m.put("late", AttributeValue.fromBool(true));
            }
            putIf(m, "recordedAt", d.recordedAt(), DomainConverters::s);
            putIf(m, "corrects", d.corrects(), DomainConverters::n);
        }

        @Override
        Decision read(Map<String, AttributeValue> m) {
            return new Decision(str(m, "offerId"), (int) lng(m, "revision"), str(m, "provider"),
                    Status.valueOf(str(m, "status")), Rule.valueOf(str(m, "rule")), str(m, "reason"),
                    instant(m, "firstRefusalDeadline"), m.get("atRisk").bool(), instant(m, "decidedAt"),
                    str(m, "policyVersion"), false, m.containsKey("late") && m.get("late").bool(), instant(m, "recordedAt"),
                    m.containsKey("corrects") ? lng(m, "corrects") : null);
        }
    };

    /** A window with everything it was fixed with when it opened, and its notice once recorded. */
    static final AttributeConverter<Window> WINDOW = new MapConverter<>(Window.class) {
        @Override
        void write(Window w, Map<String, AttributeValue> m) {
            m.put("revision", n(w.revision()));
            m.put("gpus", n(w.terms().gpus()));
            m.put("pricePerGpuHourUsd", exact(w.terms().pricePerGpuHourUsd()));
            m.put("openedAt", s(w.openedAt().toString()));
            m.put("deadline", s(w.deadline().toString()));
            m.put("length", s(w.length().toString()));
            m.put("clockGrace", s(w.clockGrace().toString()));
            m.put("noticeGrace", s(w.noticeGrace().toString()));
            m.put("priceDropPercent", n(w.priceDropPercent()));
            m.put("capacityIncreasePercent", n(w.capacityIncreasePercent()));
            m.put("policyVersion", s(w.policyVersion()));
            m.put("noticeRequired", AttributeValue.fromBool(w.noticeRequired()));
            w.noticedAt().ifPresent(at -> m.put("noticedAt", s(at.toString())));
        }

        @Override
        Window read(Map<String, AttributeValue> m) {
            return new Window(new Terms((int) lng(m, "revision"), lng(m, "gpus"), dec(m, "pricePerGpuHourUsd")),
                    instant(m, "openedAt"), instant(m, "deadline"), Duration.parse(str(m, "length")),
                    Duration.parse(str(m, "clockGrace")), Duration.parse(str(m, "noticeGrace")), dec(m, "priceDropPercent"),
                    // A window recorded before the notice rule counts as noticed when it opened.
                    dec(m, "capacityIncreasePercent"), str(m, "policyVersion"), m.containsKey("noticeRequired") && m.get("noticeRequired").bool(),
                    Optional.ofNullable(instant(m, "noticedAt")));
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

    /** An optional field: absent when null (DynamoDB stores no null). */
    private static <T> void putIf(Map<String, AttributeValue> m, String name, T value, java.util.function.Function<T, AttributeValue> as) {
        if (value != null) {
            m.put(name, as.apply(value));
        }
    }

    private static AttributeValue s(Object value) {
        return AttributeValue.fromS(value.toString());
    }

    /**
     * A decimal kept exact, as written: DynamoDB would normalise a number ({@code 2.10} comes back as {@code 2.1}), so
     * the terms of an offer are stored as text.
     */
    private static AttributeValue exact(BigDecimal value) {
        return AttributeValue.fromS(value.toPlainString());
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

    /** A decimal stored as text (exact) or as a number. */
    private static BigDecimal dec(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : new BigDecimal(v.s() != null ? v.s() : v.n());
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String v = str(m, name);
        return v == null ? null : Instant.parse(v);
    }
}
