package firstrefusal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Amendment;
import firstrefusal.domain.policy.Commitment;
import firstrefusal.domain.policy.Policy;
import firstrefusal.domain.policy.PreApproval;
import firstrefusal.domain.policy.Provider;
import firstrefusal.domain.policy.ProviderKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An agreement as the record keeps it for its deployments (src/docs/contract.md, "Configuration takes effect when it is
 * deployed"): the base terms and each amendment with what it changes, written in one fixed order (sets and maps sorted),
 * so the same terms always give the same text and the same {@link #id}. Read back as written, whatever today's
 * configuration holds: an unknown field is ignored.
 */
public final class AgreementJson {

    private AgreementJson() {
    }

    /** Identifies an agreement by its terms: the SHA-256 of its written form, first 16 hex digits. */
    public static String id(Agreement agreement) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(agreement).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode write(Agreement agreement) {
        ObjectNode root = WireJson.MAPPER.createObjectNode();
        root.set("base", policy(agreement.base()));
        ArrayNode amendments = root.putArray("amendments");
        agreement.amendments().forEach(a -> amendments.add(amendment(a)));
        return root;
    }

    public static Agreement read(JsonNode root) {
        Policy base = policy(root.get("base"));
        List<Amendment> amendments = new ArrayList<>();
        root.path("amendments").forEach(a -> amendments.add(amendment(a)));
        return Agreement.of(base, amendments);
    }

    private static ObjectNode policy(Policy p) {
        ObjectNode n = WireJson.MAPPER.createObjectNode();
        n.put("version", p.version()).put("holder", p.holder()).put("termEnds", p.termEnds().toString())
                .put("firstRefusalWindow", p.firstRefusalWindow().toString())
                .put("priceDropPercent", p.priceDropPercent().toPlainString())
                .put("capacityIncreasePercent", p.capacityIncreasePercent().toPlainString());
        p.agiDeclaredAt().ifPresent(at -> n.put("agiDeclaredAt", at.toString()));
        n.put("clockGrace", p.clockGrace().toString()).put("clockSkew", p.clockSkew().toString())
                .put("noticeGrace", p.noticeGrace().toString()).put("lapseRequiresNotice", p.lapseRequiresNotice())
                .put("firstRefusal", p.firstRefusal());
        strings(n.putArray("apiExemptCustomers"), p.apiExemptCustomers());
        providers(n.putObject("providers"), p.providers());
        exceptions(n.putArray("exceptions"), p.exceptions());
        p.holderAccount().ifPresent(a -> n.put("holderAccount", a));
        return n;
    }

    private static Policy policy(JsonNode n) {
        return Policy.builder().version(n.get("version").asText()).holder(n.get("holder").asText())
                .termEnds(LocalDate.parse(n.get("termEnds").asText()))
                .firstRefusalWindow(Duration.parse(n.get("firstRefusalWindow").asText()))
                .priceDropPercent(new BigDecimal(n.get("priceDropPercent").asText()))
                .capacityIncreasePercent(new BigDecimal(n.get("capacityIncreasePercent").asText()))
                .agiDeclaredAt(optional(n, "agiDeclaredAt", Instant::parse))
                .clockGrace(Duration.parse(n.get("clockGrace").asText())).clockSkew(Duration.parse(n.get("clockSkew").asText()))
                .noticeGrace(Duration.parse(n.get("noticeGrace").asText()))
                .lapseRequiresNotice(n.path("lapseRequiresNotice").asBoolean(true)).firstRefusal(n.path("firstRefusal").asBoolean(true))
                .apiExemptCustomers(strings(n.path("apiExemptCustomers"))).providers(providers(n.path("providers")))
                .exceptions(exceptions(n.path("exceptions"))).holderAccount(optional(n, "holderAccount", Function.identity()))
                .build();
    }

    private static ObjectNode amendment(Amendment a) {
        ObjectNode n = WireJson.MAPPER.createObjectNode();
        n.put("version", a.version()).put("effectiveFrom", a.effectiveFrom().toString()).put("pendingOffers", a.pendingOffers().name());
        Amendment.Changes c = a.changes();
        ObjectNode changes = n.putObject("changes");
        c.firstRefusalWindow().ifPresent(v -> changes.put("firstRefusalWindow", v.toString()));
        c.termEnds().ifPresent(v -> changes.put("termEnds", v.toString()));
        c.agiDeclaredAt().ifPresent(v -> changes.put("agiDeclaredAt", v.toString()));
        c.priceDropPercent().ifPresent(v -> changes.put("priceDropPercent", v.toPlainString()));
        c.capacityIncreasePercent().ifPresent(v -> changes.put("capacityIncreasePercent", v.toPlainString()));
        c.clockGrace().ifPresent(v -> changes.put("clockGrace", v.toString()));
        c.clockSkew().ifPresent(v -> changes.put("clockSkew", v.toString()));
        c.noticeGrace().ifPresent(v -> changes.put("noticeGrace", v.toString()));
        c.holderAccount().ifPresent(v -> changes.put("holderAccount", v));
        c.firstRefusal().ifPresent(v -> changes.put("firstRefusal", v));
        c.apiExemptCustomers().ifPresent(v -> strings(changes.putArray("apiExemptCustomers"), v));
        providers(changes.putObject("providers"), c.providers());
        exceptions(changes.putArray("exceptions"), c.exceptions());
        ArrayNode commitments = n.putArray("commitments");
        for (Commitment m : a.commitments()) {
            ObjectNode cn = commitments.addObject().put("provider", m.provider()).put("amountUsd", m.amountUsd().toPlainString())
                    .put("from", m.from().toString());
            m.to().ifPresent(to -> cn.put("to", to.toString()));
        }
        return n;
    }

    private static Amendment amendment(JsonNode n) {
        String version = n.get("version").asText();
        JsonNode c = n.path("changes");
        Amendment.Changes changes = new Amendment.Changes(optional(c, "firstRefusalWindow", Duration::parse),
                optional(c, "termEnds", LocalDate::parse), optional(c, "agiDeclaredAt", Instant::parse),
                optional(c, "priceDropPercent", BigDecimal::new), optional(c, "capacityIncreasePercent", BigDecimal::new),
                optional(c, "clockGrace", Duration::parse), optional(c, "clockSkew", Duration::parse),
                optional(c, "noticeGrace", Duration::parse), optional(c, "holderAccount", Function.identity()),
                optional(c, "firstRefusal", Boolean::parseBoolean),
                c.has("apiExemptCustomers") ? Optional.of(strings(c.get("apiExemptCustomers"))) : Optional.empty(),
                providers(c.path("providers")), exceptions(c.path("exceptions")));
        List<Commitment> commitments = new ArrayList<>();
        n.path("commitments").forEach(m -> commitments.add(new Commitment(version, m.get("provider").asText(),
                new BigDecimal(m.get("amountUsd").asText()), Instant.parse(m.get("from").asText()), optional(m, "to", Instant::parse))));
        return new Amendment(version, Instant.parse(n.get("effectiveFrom").asText()), changes,
                Amendment.PendingOffers.parse(n.path("pendingOffers").asText("KEEP")), commitments);
    }

    private static void strings(ArrayNode array, Set<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void providers(ObjectNode node, Map<String, Provider> providers) {
        new TreeMap<>(providers).forEach((id, p) -> node.putObject(id).put("name", p.name()).put("kind", p.kind().name()));
    }

    private static Map<String, Provider> providers(JsonNode node) {
        Map<String, Provider> providers = new TreeMap<>();
        node.properties().forEach(e -> providers.put(e.getKey(), new Provider(e.getKey(), e.getValue().get("name").asText(),
                ProviderKind.valueOf(e.getValue().get("kind").asText()))));
        return providers;
    }

    private static void exceptions(ArrayNode array, List<PreApproval> exceptions) {
        for (PreApproval e : exceptions) {
            ObjectNode n = array.addObject().put("id", e.id()).put("provider", e.provider());
            strings(n.putArray("offerIds"), e.offerIds());
        }
    }

    private static List<PreApproval> exceptions(JsonNode array) {
        List<PreApproval> exceptions = new ArrayList<>();
        array.forEach(e -> exceptions.add(new PreApproval(e.get("id").asText(), e.get("provider").asText(), strings(e.path("offerIds")))));
        return exceptions;
    }

    private static <T> Optional<T> optional(JsonNode node, String field, Function<String, T> parse) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(parse.apply(v.asText()));
    }
}
