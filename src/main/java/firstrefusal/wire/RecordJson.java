package firstrefusal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.record.Digest;
import firstrefusal.domain.record.DigestStore;
import firstrefusal.domain.record.HashChain;
import firstrefusal.domain.record.OfferProof;
import firstrefusal.domain.record.RecordProof;
import java.util.List;
import java.util.Optional;

/**
 * The record's proofs on the wire (src/docs/contract.md, "A record that proves itself"): a digest as the bus, the bucket
 * and {@code GET /api/digests} carry it, and an offer's proof as {@code GET /offers/{offerId}/proof} answers it. The one
 * place either becomes JSON.
 */
public final class RecordJson {

    /** The {@code detail-type} of a digest on the bus. */
    public static final String DIGEST_DETAIL_TYPE = "Record Digest";

    private RecordJson() {
    }

    /** The digest's five fields and its hash: the {@code Record Digest} event's detail, the bucket's object. */
    public static ObjectNode digest(Digest digest) {
        return digest(digest, digest.hash());
    }

    /** The digest's five fields and the hash kept beside them, which a reader checks against the five. */
    public static ObjectNode digest(Digest digest, String hash) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("digestId", digest.digestId());
        o.put("coversUntil", digest.coversUntil().toString());
        o.put("previous", digest.previous());
        o.put("treeSize", digest.treeSize());
        o.put("root", digest.root());
        o.put("hash", hash);
        return o;
    }

    /** {@code {"digests": [...], "next": cursor | null}}, newest first, each with the hash kept beside it. */
    public static ObjectNode digests(List<DigestStore.Kept> digests, Optional<String> next) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        ArrayNode list = o.putArray("digests");
        digests.forEach(d -> list.add(digest(d.digest(), d.hash())));
        o.put("next", next.orElse(null));
        return o;
    }

    /**
     * An offer's proof: its items with their canonical forms and hashes, its head, the digest that covers it with the
     * inclusion proof, and the product's own verdict. An item outside the chain is listed with a null seq and hash, by its
     * key. {@code chainedAt}, when set, is when the clock chained a record older than the chain.
     */
    public static ObjectNode proof(OfferProof checked) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("offerId", checked.offerId());
        ArrayNode items = o.putArray("items");
        Optional<RecordProof> proof = checked.proof();
        proof.ifPresent(p -> p.items().forEach(link -> item(items.addObject(), link)));
        checked.unchained().forEach(key -> items.addObject().putNull("seq").put("key", key).putNull("canonical").putNull("hash"));
        if (proof.isPresent()) {
            o.putObject("head").put("seq", proof.get().head().seq()).put("hash", proof.get().head().hash());
        } else {
            o.putNull("head");
        }
        Optional<RecordProof.Digested> digested = proof.flatMap(RecordProof::digested);
        if (digested.isPresent()) {
            RecordProof.Digested d = digested.get();
            o.set("digest", digest(d.digest(), d.digestHash()));
            o.put("leafIndex", d.leafIndex());
            d.inclusion().forEach(o.putArray("inclusion")::add);
            o.put("digestedThrough", d.digestedThrough());
        } else {
            o.putNull("digest").putNull("leafIndex").putNull("inclusion").putNull("digestedThrough");
        }
        o.put("chainedAt", checked.chainedAt().map(Object::toString).orElse(null));
        o.put("verified", checked.verified());
        o.put("problem", checked.problem().map(m -> m.message())
                .orElse(checked.chained() ? null : "not chained yet: the clock chains records older than the chain"));
        return o;
    }

    private static void item(ObjectNode o, HashChain.Link link) {
        o.put("seq", link.seq());
        o.put("canonical", link.canonical());
        o.put("hash", link.hash());
    }
}
