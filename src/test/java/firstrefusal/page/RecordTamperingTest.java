package firstrefusal.page;

import org.junit.jupiter.api.extension.ExtendWith;
import firstrefusal.support.ExpectedLogs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import firstrefusal.config.StatusPageConfig;
import firstrefusal.domain.offer.Notice;
import firstrefusal.domain.offer.Offers;
import firstrefusal.domain.offer.ReminderSchedule;
import firstrefusal.domain.policy.Agreement;
import firstrefusal.domain.policy.Deployments;
import firstrefusal.domain.record.DigestArchive;
import firstrefusal.domain.record.DigestClock;
import firstrefusal.operations.Metrics;
import firstrefusal.support.ChainAudit;
import firstrefusal.support.DynamoDbLocalResource;
import firstrefusal.support.FreshTable;
import firstrefusal.support.IndependentVerifier;
import firstrefusal.support.OnItsOwnTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whoever can write to the table can change the record; the record says so (src/docs/contract.md, "Tampering is
 * found"). Each way of changing a digested offer's record in the table is found four times over: by its proof
 * ({@code "verified": false} naming the first bad seq or the digest), by its page (in red), by the offline verifier
 * against the digest as published, and by the metric the alarm watches.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
@ExtendWith(ExpectedLogs.class)
class RecordTamperingTest extends OnItsOwnTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T14:00:00Z");
    private static final String OFFER = "tampered";

    @Inject
    StatusPageConfig config;

    private final ByteArrayOutputStream emitted = new ByteArrayOutputStream();
    private PageRoutes page;
    private String digestAsPublished;

    @Override
    protected FreshTable newTable() {
        return FreshTable.create(client, policy, ReminderSchedule.parse("P3D,PT24H"), "tampering");
    }

    /** An offer with every kind of item (offer, notice, reminder, a late answer kept alone, the lapse), digested. */
    @BeforeEach
    void digestedRecord() throws IOException {
        table.decisions().decide(Offers.offer(OFFER).build());
        table.decisions().noticeSent(new Notice(OFFER, 1, Offers.RECEIVED));
        table.decisions().tick(new firstrefusal.domain.offer.ClockTick(Offers.DEADLINE.minus(Duration.ofDays(2))));
        table.decisions().decide(Offers.match(OFFER, Offers.DEADLINE.plus(Duration.ofDays(2))));
        new DigestClock(table.digests(), DigestArchive.NONE, Duration.ofHours(1), 20_000, 1_000).onTick(NOW);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Metrics metrics = new Metrics(true, clock, new PrintStream(emitted, true, StandardCharsets.UTF_8));
        page = new PageRoutes(table.store(), table.ledger(), table.proofs(), Deployments.only(Agreement.of(policy)), clock, config,
                metrics, table.decisions(), firstrefusal.answer.Answering.OFF);
        digestAsPublished = JSON.readTree(get("/api/digests", "application/json").body()).path("digests").get(0).toString();
        assertThat(proof().path("verified").asBoolean()).as("untouched, it verifies: %s", proof()).isTrue();
        assertThat(offerPage()).contains("Record verified against digest 1 of 2026-12-06 14:00 UTC");
        assertThat(IndependentVerifier.verify(proof().toString(), digestAsPublished).verified()).isTrue();
        assertThat(failuresCounted()).isZero();
    }

    @Test
    void changingAHistoryEntrysRuleIsFound() {
        long seq = seqOf("HISTORY#0000000001");
        change("HISTORY#0000000001", item -> item.put("decision", withField(item.get("decision"), "rule", "NO_FIRST_REFUSAL")));
        foundAt("seq " + seq + ": hash does not match its canonical form");
    }

    @Test
    void changingAKeptMessagesInstantIsFound() {
        String key = keyStartingWith("MESSAGE#");
        change(key, item -> item.put("recordedAt", AttributeValue.fromS("2025-02-06T16:00:00Z")));
        foundAt("seq " + seqOf(key) + ": hash does not match its canonical form");
    }

    @Test
    void changingANoticesTimeIsFound() {
        change("NOTICE#r1", item -> item.put("noticeSentAt", AttributeValue.fromS("2025-01-22T15:00:00Z")));
        foundAt("seq " + seqOf("NOTICE#r1") + ": hash does not match its canonical form");
    }

    @Test
    void deletingAnItemIsFound() {
        long seq = seqOf("NOTICE#r1");
        client.deleteItem(d -> d.tableName(table.name()).key(key("NOTICE#r1")));
        foundAt("seq " + seq + ": missing (the next item is seq " + (seq + 1) + ")");
    }

    @Test
    void swappingTwoItemsIsFound() {
        Map<String, AttributeValue> first = item("HISTORY#0000000001");
        Map<String, AttributeValue> second = item("HISTORY#0000000002");
        put(withKeys(second, first));
        put(withKeys(first, second));
        foundAt("seq 1: hash does not match its canonical form");
    }

    @Test
    void aForgedItemOutsideTheChainIsFound() {
        Map<String, AttributeValue> forged = new HashMap<>(item("HISTORY#0000000001"));
        forged.put("sk", AttributeValue.fromS("HISTORY#0000000009"));
        forged.remove("seq");
        forged.remove("hash");
        put(forged);
        long head = ChainAudit.read(client, table.name(), OFFER).headSeq();
        foundAt("seq " + (head + 1) + ": an item outside the chain (HISTORY#0000000009)");
    }

    @Test
    void aForgedItemAfterTheHeadIsFound() {
        long head = ChainAudit.read(client, table.name(), OFFER).headSeq();
        Map<String, AttributeValue> forged = new HashMap<>(item("HISTORY#0000000001"));
        forged.put("sk", AttributeValue.fromS("HISTORY#0000000009"));
        forged.put("seq", AttributeValue.fromN(Long.toString(head + 1)));
        put(forged);
        foundAt("seq " + (head + 1) + ": hash does not match its canonical form");
    }

    @Test
    void rewritingAWholeChainConsistentlyIsFoundByTheDigest() {
        change("HISTORY#0000000001", item -> item.put("decision", withField(item.get("decision"), "rule", "NO_FIRST_REFUSAL")));
        // The forger's own tool rehashes every item from there and moves the head: the chain holds again.
        ChainAudit.Stored stored = ChainAudit.read(client, table.name(), OFFER);
        String previous = "0".repeat(64);
        for (Map<String, AttributeValue> stale : stored.chained()) {
            Map<String, AttributeValue> item = new HashMap<>(stale);
            previous = ChainAudit.hash(previous, ChainAudit.canonical(item));
            item.put("hash", AttributeValue.fromS(previous));
            put(item);
        }
        String head = previous;
        change("STATE", item -> item.put("headHash", AttributeValue.fromS(head)));
        assertThat(ChainAudit.check(ChainAudit.read(client, table.name(), OFFER))).as("a consistent forgery").isEmpty();
        foundAt("digest 1: root does not match the inclusion proof");
    }

    /** The proof, the page, the offline verifier and the metric each say the record does not verify, and where. */
    private void foundAt(String problem) {
        JsonNode proof = proof();
        assertThat(proof.path("verified").asBoolean()).as("the proof: %s", proof).isFalse();
        assertThat(proof.path("problem").asText()).isEqualTo(problem);
        assertThat(offerPage()).contains("class=\"record-proof bad\"").contains("Record does not verify: " + problem);
        IndependentVerifier.Verdict verdict = IndependentVerifier.verify(proof.toString(), digestAsPublished);
        assertThat(verdict.verified()).as("the offline verifier").isFalse();
        assertThat(verdict.message()).isEqualTo(problem);
        assertThat(failuresCounted()).as("RecordVerificationsFailed, once per check that failed").isEqualTo(2);
    }

    private JsonNode proof() {
        try {
            return JSON.readTree(get("/offers/" + OFFER + "/proof", "application/json").body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String offerPage() {
        return get("/offers/" + OFFER, "text/html").body();
    }

    private PageResponse get(String path, String accept) {
        PageResponse response = page.handle(new PageRequest("GET", path, Map.of(), accept));
        assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
        return response;
    }

    private long failuresCounted() {
        String lines = emitted.toString(StandardCharsets.UTF_8);
        return lines.lines().filter(l -> l.contains("\"" + Metrics.RECORD_VERIFICATIONS_FAILED + "\"")).count();
    }

    private Map<String, AttributeValue> key(String sk) {
        return Map.of("pk", AttributeValue.fromS("OFFER#" + OFFER), "sk", AttributeValue.fromS(sk));
    }

    private Map<String, AttributeValue> item(String sk) {
        return client.getItem(g -> g.tableName(table.name()).key(key(sk)).consistentRead(true)).item();
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(p -> p.tableName(table.name()).item(item));
    }

    private void change(String sk, Consumer<Map<String, AttributeValue>> edit) {
        Map<String, AttributeValue> item = new HashMap<>(item(sk));
        edit.accept(item);
        put(item);
    }

    private long seqOf(String sk) {
        return Long.parseLong(item(sk).get("seq").n());
    }

    private String keyStartingWith(String prefix) {
        return ChainAudit.read(client, table.name(), OFFER).chained().stream().map(i -> i.get("sk").s())
                .filter(sk -> sk.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static AttributeValue withField(AttributeValue map, String field, String value) {
        Map<String, AttributeValue> copy = new HashMap<>(map.m());
        copy.put(field, AttributeValue.fromS(value));
        return AttributeValue.fromM(copy);
    }

    /** {@code content}'s attributes under {@code keys}' keys. */
    private static Map<String, AttributeValue> withKeys(Map<String, AttributeValue> content, Map<String, AttributeValue> keys) {
        Map<String, AttributeValue> moved = new HashMap<>(content);
        moved.put("pk", keys.get("pk"));
        moved.put("sk", keys.get("sk"));
        return moved;
    }
}
