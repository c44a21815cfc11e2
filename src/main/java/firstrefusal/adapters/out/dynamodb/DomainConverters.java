package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.Attributes.bool;
import static firstrefusal.adapters.out.dynamodb.Attributes.dec;
import static firstrefusal.adapters.out.dynamodb.Attributes.exact;
import static firstrefusal.adapters.out.dynamodb.Attributes.instant;
import static firstrefusal.adapters.out.dynamodb.Attributes.lng;
import static firstrefusal.adapters.out.dynamodb.Attributes.n;
import static firstrefusal.adapters.out.dynamodb.Attributes.s;
import static firstrefusal.adapters.out.dynamodb.Attributes.str;

import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Terms;
import firstrefusal.domain.offer.Window;
import firstrefusal.domain.offer.Workload;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores the domain records as DynamoDB maps, field by field, as the schemas' converters for the {@code offer},
 * {@code decision} and {@code window} attributes: no reflection (native ready), the stored names are the wire names of
 * src/docs/contract.md, and each map keeps the exact shape it always had (an exact decimal as text, a flag written only
 * when set). Reading takes what is stored as it is: no check of today's message rules, so a rule tightened later never
 * makes the record unreadable.
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
            Attributes.put(m, "megawatts", o.megawatts(), Attributes::exact);
            m.put("region", s(o.region()));
            m.put("workload", s(o.workload().name()));
            m.put("startDate", s(o.startDate().toString()));
            m.put("termMonths", n(o.termMonths()));
            m.put("pricePerGpuHourUsd", exact(o.pricePerGpuHourUsd()));
            Attributes.put(m, "validUntil", o.validUntil(), Attributes::s);
            m.put("receivedAt", s(o.receivedAt().toString()));
            Attributes.put(m, "customer", o.customer(), Attributes::s);
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
            Attributes.put(m, "firstRefusalDeadline", d.firstRefusalDeadline(), Attributes::s);
            m.put("atRisk", AttributeValue.fromBool(d.atRisk()));
            m.put("decidedAt", s(d.decidedAt().toString()));
            m.put("policyVersion", s(d.policyVersion()));
            if (d.late()) {
                m.put("late", AttributeValue.fromBool(true));
            }
            Attributes.put(m, "recordedAt", d.recordedAt(), Attributes::s);
            Attributes.put(m, "corrects", d.corrects(), Attributes::n);
        }

        @Override
        Decision read(Map<String, AttributeValue> m) {
            return new Decision(str(m, "offerId"), (int) lng(m, "revision"), str(m, "provider"),
                    Status.valueOf(str(m, "status")), Rule.valueOf(str(m, "rule")), str(m, "reason"),
                    instant(m, "firstRefusalDeadline"), bool(m, "atRisk"), instant(m, "decidedAt"),
                    str(m, "policyVersion"), false, bool(m, "late"), instant(m, "recordedAt"),
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
            Attributes.put(m, "judgedAt", w.judgedAt(), Attributes::s);
        }

        @Override
        Window read(Map<String, AttributeValue> m) {
            return new Window(new Terms((int) lng(m, "revision"), lng(m, "gpus"), dec(m, "pricePerGpuHourUsd")),
                    instant(m, "openedAt"), instant(m, "deadline"), Duration.parse(str(m, "length")),
                    Duration.parse(str(m, "clockGrace")), Duration.parse(str(m, "noticeGrace")), dec(m, "priceDropPercent"),
                    // A window recorded before the notice rule counts as noticed when it opened.
                    dec(m, "capacityIncreasePercent"), str(m, "policyVersion"), bool(m, "noticeRequired"),
                    Optional.ofNullable(instant(m, "noticedAt")), instant(m, "judgedAt"));
        }
    };

    /** A decimal stored as a number, written out in full ({@code toPlainString}, never {@code 1E+3}): the ledger's sums. */
    static final AttributeConverter<BigDecimal> PLAIN_NUMBER = new AttributeConverter<>() {
        @Override
        public AttributeValue transformFrom(BigDecimal input) {
            return n(input);
        }

        @Override
        public BigDecimal transformTo(AttributeValue input) {
            return new BigDecimal(input.n());
        }

        @Override
        public EnhancedType<BigDecimal> type() {
            return EnhancedType.of(BigDecimal.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.N;
        }
    };

    /** A record stored as one map attribute, field by field. */
    private abstract static class MapConverter<T> implements AttributeConverter<T> {

        private final EnhancedType<T> type;

        MapConverter(Class<T> type) {
            this.type = EnhancedType.of(type);
        }

        abstract void write(T value, Map<String, AttributeValue> map);

        abstract T read(Map<String, AttributeValue> map);

        @Override
        public AttributeValue transformFrom(T input) {
            Map<String, AttributeValue> map = new HashMap<>();
            write(input, map);
            return AttributeValue.fromM(map);
        }

        /** A map read back; anything else stored under the name reads as absent. */
        @Override
        public T transformTo(AttributeValue input) {
            return input.hasM() ? read(input.m()) : null;
        }

        @Override
        public EnhancedType<T> type() {
            return type;
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.M;
        }
    }
}
