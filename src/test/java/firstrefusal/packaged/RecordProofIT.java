package firstrefusal.packaged;

import static firstrefusal.packaged.AwsEvents.answer;
import static firstrefusal.packaged.AwsEvents.offer;
import static firstrefusal.packaged.AwsEvents.tick;
import static firstrefusal.packaged.AwsEvents.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import firstrefusal.dev.LocalEventBus;
import firstrefusal.support.ChainAudit;
import firstrefusal.support.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A record that proves itself, through the packaged zip (decide, notify and status-page on DynamoDB Local, a local S3
 * with Object Lock, and the local bus): offers, answers, withdrawals and ticks make chains that the test recomputes from
 * the table; the clock's digest is in the bucket, locked, and leaves on the bus with the same root; each offer's proof
 * holds, by the test's own inclusion check and by the documented offline command run as a user runs it; and a record
 * changed in the table is found by the proof, the page, the command and the metric in the page's log.
 */
class RecordProofIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant RECEIVED = NOW.minus(Duration.ofDays(5));
    private static final List<String> OFFERS = List.of("rp-lapsed", "rp-matched", "rp-withdrawn");

    private PackagedStack stack;
    private LocalS3 s3;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void offersAnswersWithdrawalsAndTicksMakeChainsThatTheDigestInTheBucketAndOnTheBusProves() throws Exception {
        stack = new PackagedStack("record-proof");
        s3 = LocalS3.start();
        String bucket = s3.lockedBucket("record-proof-digests", 3653);
        Map<String, String> settings = new HashMap<>(s3.environment());
        settings.put("RECORD_DIGEST_BUCKET", bucket);
        stack.redeploy(settings);

        stack.decideOk(offer("rp-matched", "oracle", RECEIVED, 10_000));
        stack.decideOk(offer("rp-withdrawn", "google", RECEIVED, 8_000));
        stack.decideOk(offer("rp-lapsed", "coreweave", NOW.minus(Duration.ofDays(30)), 12_000));
        stack.pumpNotify(); // the notices: each window runs from the instant notify told the holder
        stack.decideOk(answer("rp-r1", "rp-matched", "MATCH", NOW.minus(Duration.ofDays(1))));
        stack.decideOk(withdrawal("rp-withdrawn", NOW.minus(Duration.ofDays(1))));
        // Sixteen days on: the lapsed offer's window ran out; the tick lapses it, then digests the record.
        JsonNode summary = stack.decideOk(tick(NOW.plus(Duration.ofDays(16))));
        assertThat(summary.path("lapsed").toString()).contains("rp-lapsed");
        stack.pumpNotify();

        // The chains, as the test reads the table.
        Map<String, ChainAudit.Stored> chains = new LinkedHashMap<>();
        for (String id : OFFERS) {
            ChainAudit.Stored stored = ChainAudit.read(stack.dynamoDb, stack.table(), id);
            assertThat(ChainAudit.check(stored)).as("%s", id).isEmpty();
            chains.put(id, stored);
        }
        assertThat(sortKeys(chains.get("rp-matched"))).as("the offer; the late notice's entry (it moves the deadline), then the"
                + " notice; the answer").containsExactly("HISTORY", "HISTORY", "NOTICE", "HISTORY");

        // The digest: in the bucket, locked; on the bus; the same root, which the test computes from the heads.
        String key = "digests/1.json";
        String inBucket = s3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
        JsonNode digest = PackagedStack.json(inBucket);
        List<Map<String, Object>> heads = new ArrayList<>();
        chains.forEach((id, stored) -> heads.add(leaf(id, stored.headSeq(), stored.headHash())));
        assertThat(digest.path("treeSize").asInt()).isEqualTo(3);
        assertThat(digest.path("root").asText()).isEqualTo(ChainAudit.root(heads));
        LocalEventBus.Entry event = stack.bus.received().stream().filter(e -> e.detailType().equals("Record Digest"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(event.detail()).as("the event carries the digest as the bucket keeps it").isEqualTo(digest);
        String version = s3.client().headObject(h -> h.bucket(bucket).key(key)).versionId();
        assertThatThrownBy(() -> s3.client().deleteObject(d -> d.bucket(bucket).key(key).versionId(version)))
                .as("locked until its retention ends").isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));

        // Each proof: the product's verdict, the test's own inclusion check, and the offline command.
        Path digestFile = Files.writeString(PackagedStack.TARGET.resolve("record-proof").resolve("digest-1.json"), inBucket);
        for (String id : OFFERS) {
            JsonNode proof = stack.pageJson("/offers/" + id + "/proof");
            assertThat(proof.path("verified").asBoolean()).as("%s: %s", id, proof.path("problem")).isTrue();
            assertThat(proof.path("digest")).isEqualTo(digest);
            List<String> path = new ArrayList<>();
            proof.path("inclusion").forEach(step -> path.add(step.asText()));
            ChainAudit.Stored stored = chains.get(id);
            assertThat(ChainAudit.rootFromInclusion(leaf(id, stored.headSeq(), stored.headHash()),
                    proof.path("leafIndex").asLong(), digest.path("treeSize").asLong(), path)).contains(digest.path("root").asText());
            Command check = verifyOffline(id, proof, digestFile);
            assertThat(check.exit()).as(check.output()).isZero();
            assertThat(check.output()).startsWith("verified through seq " + stored.headSeq() + ", digest 1");
        }
        assertThat(offerPage("rp-matched")).contains("Record verified against digest 1 of ");

        // Changed in the table: the proof, the page, the command and the metric say so.
        Map<String, AttributeValue> first = stack.dynamoDb.getItem(g -> g.tableName(stack.table()).key(Map.of(
                "pk", AttributeValue.fromS("OFFER#rp-matched"), "sk", AttributeValue.fromS("HISTORY#0000000001")))).item();
        Map<String, AttributeValue> changed = new HashMap<>(first);
        Map<String, AttributeValue> decision = new HashMap<>(first.get("decision").m());
        decision.put("rule", AttributeValue.fromS("NO_FIRST_REFUSAL"));
        changed.put("decision", AttributeValue.fromM(decision));
        stack.dynamoDb.putItem(p -> p.tableName(stack.table()).item(changed));
        JsonNode proof = stack.pageJson("/offers/rp-matched/proof");
        assertThat(proof.path("verified").asBoolean()).isFalse();
        assertThat(proof.path("problem").asText()).isEqualTo("seq 1: hash does not match its canonical form");
        assertThat(offerPage("rp-matched")).contains("Record does not verify: seq 1: hash does not match its canonical form");
        Command check = verifyOffline("rp-matched-changed", proof, digestFile);
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.output()).isEqualTo("seq 1: hash does not match its canonical form");
        assertThat(Files.readAllLines(stack.function("status-page").log())).as("the metric the alarm watches")
                .anyMatch(line -> line.contains("\"RecordVerificationsFailed\""));
    }

    private static Map<String, Object> leaf(String offerId, long seq, String hash) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("offerId", offerId);
        leaf.put("seq", seq);
        leaf.put("hash", hash);
        return leaf;
    }

    private static List<String> sortKeys(ChainAudit.Stored stored) {
        return stored.chained().stream().map(i -> i.get("sk").s().substring(0, i.get("sk").s().indexOf('#'))).toList();
    }

    private String offerPage(String offerId) {
        JsonNode response = stack.page("/offers/" + offerId, "text/html");
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        return response.path("body").asText();
    }

    private record Command(int exit, String output) {
    }

    /** The README's command, as an arbiter runs it: {@code java src/verify/VerifyProof.java proof.json digest.json}. */
    private static Command verifyOffline(String name, JsonNode proof, Path digest) throws IOException, InterruptedException {
        Path proofFile = Files.writeString(digest.resolveSibling(name + "-proof.json"), proof.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "src/verify/VerifyProof.java", proofFile.toString(), digest.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Command(process.exitValue(), output);
    }
}
