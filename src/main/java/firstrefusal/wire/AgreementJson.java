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
import firstrefusal.domain.policy.Term;
import firstrefusal.domain.policy.Terms;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The base's terms as the first agreements on record wrote them, before the providers; any other term follows them. */
    private static final List<String> BASE_FIELDS = List.of("termEnds", "firstRefusalWindow", "priceDropPercent",
            "capacityIncreasePercent", "agiDeclaredAt", "clockGrace", "clockSkew", "noticeGrace", "lapseRequiresNotice",
            "firstRefusal", "apiExemptCustomers");
    /** An amendment's changes as the first agreements on record wrote them; a term added since follows them. */
    private static final List<String> CHANGE_FIELDS = List.of("firstRefusalWindow", "termEnds", "agiDeclaredAt",
            "priceDropPercent", "capacityIncreasePercent", "clockGrace", "clockSkew", "noticeGrace", "holderAccount",
            "firstRefusal", "apiExemptCustomers");

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
        n.put("version", p.version()).put("holder", p.holder());
        List<Term.Value<?>> values = p.values();
        write(n, values, BASE_FIELDS);
        providers(n.putObject("providers"), p.providers());
        exceptions(n.putArray("exceptions"), p.exceptions());
        // A term added since is written only when it differs from the contract's default, so the terms on record keep their id.
        values.stream().filter(v -> !BASE_FIELDS.contains(field(v.term())) && !v.term().fallback().equals(Optional.of(v.value())))
                .forEach(v -> write(n, v));
        return n;
    }

    private static Policy policy(JsonNode n) {
        Policy.Builder b = Policy.builder().version(n.get("version").asText()).holder(n.get("holder").asText())
                .providers(providers(n.path("providers"))).exceptions(exceptions(n.path("exceptions")));
        Terms.all().stream().filter(t -> n.hasNonNull(field(t))).forEach(t -> b.parse(t, text(n.get(field(t)))));
        return b.build();
    }

    private static ObjectNode amendment(Amendment a) {
        ObjectNode n = WireJson.MAPPER.createObjectNode();
        n.put("version", a.version()).put("effectiveFrom", a.effectiveFrom().toString()).put("pendingOffers", a.pendingOffers().name());
        Amendment.Changes c = a.changes();
        ObjectNode changes = n.putObject("changes");
        write(changes, c.values(), CHANGE_FIELDS);
        c.values().stream().filter(v -> !CHANGE_FIELDS.contains(field(v.term()))).forEach(v -> write(changes, v));
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
        Amendment.Changes changes = Amendment.Changes.none().withProviders(providers(c.path("providers")))
                .withExceptions(exceptions(c.path("exceptions")));
        for (Term<?> t : Terms.all()) {
            if (c.hasNonNull(field(t))) {
                changes = changed(changes, t, text(c.get(field(t))));
            }
        }
        List<Commitment> commitments = new ArrayList<>();
        n.path("commitments").forEach(m -> commitments.add(new Commitment(version, m.get("provider").asText(),
                new BigDecimal(m.get("amountUsd").asText()), Instant.parse(m.get("from").asText()), optional(m, "to", Instant::parse))));
        return new Amendment(version, Instant.parse(n.get("effectiveFrom").asText()), changes,
                Amendment.PendingOffers.parse(n.path("pendingOffers").asText("KEEP")), commitments);
    }

    /** The terms among {@code values} that {@code order} names, in its order. */
    private static void write(ObjectNode node, List<Term.Value<?>> values, List<String> order) {
        for (String field : order) {
            values.stream().filter(v -> field(v.term()).equals(field)).forEach(v -> write(node, v));
        }
    }

    /** A term as the record keeps it: a flag as a JSON boolean, a set of names as a sorted array, the rest as text. */
    private static void write(ObjectNode node, Term.Value<?> value) {
        String field = field(value.term());
        String text = value.text();
        if (value.term().kind() == Term.Kind.FLAG) {
            node.put(field, Boolean.parseBoolean(text));
        } else if (value.term().kind() == Term.Kind.NAMES) {
            ArrayNode names = node.putArray(field);
            Arrays.stream(text.split(",")).filter(name -> !name.isEmpty()).forEach(names::add);
        } else {
            node.put(field, text);
        }
    }

    private static String text(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> names = new ArrayList<>();
        value.forEach(v -> names.add(v.asText()));
        return String.join(",", names);
    }

    private static <V> Amendment.Changes changed(Amendment.Changes changes, Term<V> term, String text) {
        return changes.with(term, term.parse(text));
    }

    /** A term's field: the last part of its name in camel case ({@code material-change.price-drop-percent}: {@code priceDropPercent}). */
    private static String field(Term<?> term) {
        String[] words = term.name().substring(term.name().lastIndexOf('.') + 1).split("-");
        StringBuilder field = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return field.toString();
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
