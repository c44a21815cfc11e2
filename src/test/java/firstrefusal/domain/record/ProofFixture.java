package firstrefusal.domain.record;

import firstrefusal.domain.record.HashChain.Link;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An offer's record, a digest over it and six other offers, and the proof, as the product would build them; and both
 * as the JSON the offline verifier reads (the proof as GET /offers/{offerId}/proof shapes it, the digest bare or as the
 * Record Digest event).
 */
final class ProofFixture {

    static final String OFFER = "oracle-abilene-1";
    static final long DIGEST_ID = 42;
    static final Instant COVERS_UNTIL = Instant.parse("2026-12-06T14:00:00Z");
    static final String PREVIOUS = Hashes.hex(Hashes.sha256("digest 41".getBytes(StandardCharsets.UTF_8)));

    private ProofFixture() {
    }

    /** The offer's five items, chained from seq 1. */
    static List<Link> chain() {
        return HashChain.link(HashChainTest.entries(5));
    }

    /** Digest 42 over the offer's head at seq {@code digestedThrough} and six other offers. */
    static DigestTree tree(List<Link> chain, int digestedThrough) {
        List<DigestLeaf> leaves = new ArrayList<>();
        for (String other : List.of("aws-ohio-2", "azure-texas-9", "gcp-iowa-4", "oracle-ashburn-3", "oracle-phoenix-7", "zayo-1")) {
            leaves.add(new DigestLeaf(other, other.length(), Hashes.hex(Hashes.sha256(other.getBytes(StandardCharsets.UTF_8)))));
        }
        leaves.add(new DigestLeaf(OFFER, digestedThrough, chain.get(digestedThrough - 1).hash()));
        return DigestTree.of(leaves);
    }

    static Digest digest(DigestTree tree) {
        return Digest.of(DIGEST_ID, COVERS_UNTIL, PREVIOUS, tree);
    }

    /** The proof of the whole chain, every item digested. */
    static RecordProof proof() {
        List<Link> chain = chain();
        DigestTree tree = tree(chain, chain.size());
        return RecordProof.of(OFFER, HashChain.Start.GENESIS, chain, digest(tree), tree);
    }

    /** The same proof with other items and the same head and digest: what a tampered table would yield. */
    static RecordProof withItems(RecordProof proof, List<Link> items) {
        return new RecordProof(proof.offerId(), proof.start(), items, proof.head(), proof.digested());
    }

    /** The same proof with other items, the head following them. */
    static RecordProof withItemsAndHead(RecordProof proof, List<Link> items) {
        Link last = items.getLast();
        return new RecordProof(proof.offerId(), proof.start(), items, new RecordProof.Head(last.seq(), last.hash()), proof.digested());
    }

    /** The same proof with another digest (its hash as given). */
    static RecordProof withDigest(RecordProof proof, Digest digest, String digestHash) {
        RecordProof.Digested d = proof.digested().orElseThrow();
        return new RecordProof(proof.offerId(), proof.start(), proof.items(), proof.head(),
                Optional.of(new RecordProof.Digested(digest, digestHash, d.leafIndex(), d.inclusion(), d.digestedThrough())));
    }

    /** The proof's JSON, as the proof route shapes it. */
    static String json(RecordProof proof) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offerId", proof.offerId());
        json.put("items", proof.items().stream().map(l -> Map.of("seq", l.seq(), "canonical", l.canonical(), "hash", l.hash())).toList());
        json.put("head", Map.of("seq", proof.head().seq(), "hash", proof.head().hash()));
        if (!proof.start().isGenesis()) {
            json.put("chainStartsAt", Map.of("seq", proof.start().seq(), "previousHash", proof.start().previousHash()));
        }
        RecordProof.Digested digested = proof.digested().orElse(null);
        json.put("digest", digested == null ? null : digestFields(digested.digest(), digested.digestHash()));
        json.put("leafIndex", digested == null ? null : digested.leafIndex());
        json.put("inclusion", digested == null ? null : digested.inclusion());
        json.put("digestedThrough", digested == null ? null : digested.digestedThrough());
        Optional<Mismatch> problem = proof.check();
        json.put("verified", problem.isEmpty());
        json.put("problem", problem.map(Mismatch::message).orElse(null));
        return Canonical.json(json);
    }

    /** The digest as the S3 object holds it: the five fields and the hash. */
    static String digestJson(Digest digest) {
        return Canonical.json(digestFields(digest, digest.hash()));
    }

    /** The digest as the holder keeps the Record Digest event. */
    static String digestEvent(Digest digest, String detailType) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        event.put("detail-type", detailType);
        event.put("source", "first-refusal");
        event.put("account", "111122223333");
        event.put("time", COVERS_UNTIL.toString());
        event.put("region", "eu-west-1");
        event.put("resources", List.of());
        event.put("detail", digestFields(digest, digest.hash()));
        return Canonical.json(event);
    }

    private static Map<String, Object> digestFields(Digest digest, String hash) {
        Map<String, Object> fields = new LinkedHashMap<>(digest.fields());
        fields.put("hash", hash);
        return fields;
    }
}
