package firstrefusal.domain.record;

import firstrefusal.support.IndependentVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.domain.record.HashChain.Entry;
import firstrefusal.domain.record.HashChain.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier, src/verify/VerifyProof.java: what it accepts as the digest, what it checks beyond the product's
 * own check, and the command itself, run as §13 documents it with nothing but the JDK.
 */
class VerifyProofTest {

    private final RecordProof proof = ProofFixture.proof();
    private final Digest digest = proof.digested().orElseThrow().digest();
    private final String proofJson = ProofFixture.json(proof);

    @Test
    void theDigestMayBeTheS3ObjectOrTheHoldersRecordDigestEvent() {
        assertThat(verify(proofJson, ProofFixture.digestJson(digest))).isEqualTo("verified through seq 5, digest 42");
        assertThat(verify(proofJson, ProofFixture.digestEvent(digest, "Record Digest"))).isEqualTo("verified through seq 5, digest 42");
        // Saved by hand or by a tool that indents: whitespace between tokens is no part of what is hashed.
        String indented = ProofFixture.digestJson(digest).replace("{", "{\n  ").replace(",", ",\n  ").replace("\":", "\": ");
        assertThat(verify(proofJson.replace("\"items\":", "\r\n\t\"items\" :"), indented)).isEqualTo("verified through seq 5, digest 42");
        assertThat(verify(proofJson, ProofFixture.digestEvent(digest, "Offer Decided")))
                .isEqualTo("digest file: an event of type Offer Decided, not Record Digest");
    }

    @Test
    void aProofIsCheckedAgainstTheDigestGivenNotOnlyTheOneItCarries() {
        Digest next = new Digest(43, digest.coversUntil().plusSeconds(3600), digest.hash(), digest.treeSize(), digest.root());
        String tamperedGiven = ProofFixture.digestJson(digest).replace(digest.root(), "ab".repeat(32));

        assertThat(verify(proofJson, ProofFixture.digestJson(next))).isEqualTo("digest 42: not the digest given (its digestId differs: 43)");
        assertThat(verify(proofJson, tamperedGiven)).isEqualTo("digest 42: hash does not match its five fields");
    }

    @Test
    void theProductsOwnVerdictInTheProofIsNotTakenOnTrust() {
        List<Link> items = new ArrayList<>(proof.items());
        items.set(0, new Link(1, items.get(0).canonical().replace("USD", "EUR"), items.get(0).hash()));
        String claimsVerified = ProofFixture.json(ProofFixture.withItems(proof, items))
                .replace("\"problem\":\"seq 1: hash does not match its canonical form\"", "\"problem\":null")
                .replace("\"verified\":false", "\"verified\":true");

        assertThat(claimsVerified).contains("\"verified\":true");
        assertThat(verify(claimsVerified, ProofFixture.digestJson(digest))).isEqualTo("seq 1: hash does not match its canonical form");
    }

    @Test
    void eachCanonicalFormMustBeCanonicalAndCarryItsOwnSeqAndOffer() {
        assertThat(verifyRewritten(2, "{\"seq\":2, \"kind\":\"history\"}")).isEqualTo("seq 2: canonical form is not RFC 8785 canonical");
        assertThat(verifyRewritten(2, "{\"kind\":\"history\",\"seq\":3}")).isEqualTo("seq 2: canonical form does not say seq 2");
        assertThat(verifyRewritten(2, "{\"offerId\":\"aws-ohio-2\",\"seq\":2}")).isEqualTo("seq 2: canonical form names offer aws-ohio-2");
        assertThat(verifyRewritten(2, "{\"price\":12.5,\"seq\":2}")).startsWith("seq 2: canonical form is not canonical JSON (not JSON: a number");
        assertThat(verifyRewritten(2, "[2]")).isEqualTo("seq 2: canonical form does not say seq 2");
    }

    @Test
    void itemsRecordedSinceTheDigestAreChainedButSaidToBeNotYetDigested() {
        List<Link> chain = ProofFixture.chain();
        DigestTree tree = ProofFixture.tree(chain, 3);
        Digest older = ProofFixture.digest(tree);
        RecordProof partly = RecordProof.of(ProofFixture.OFFER, HashChain.Start.GENESIS, chain, older, tree);

        assertThat(partly.check()).isEmpty();
        assertThat(verify(ProofFixture.json(partly), ProofFixture.digestJson(older)))
                .isEqualTo("verified through seq 3, digest 42; seq 4 to 5 recorded since, not yet digested");
    }

    @Test
    void aRecordChainedAfterTheFactIsVerifiedFromWhereItsChainStartsAndSaysSo() {
        List<Link> chain = ProofFixture.chain();
        DigestTree tree = ProofFixture.tree(chain, 5);
        HashChain.Start start = new HashChain.Start(3, chain.get(1).hash());
        RecordProof later = RecordProof.of(ProofFixture.OFFER, start, chain.subList(2, 5), ProofFixture.digest(tree), tree);
        RecordProof wrongStart = new RecordProof(later.offerId(), new HashChain.Start(3, Hashes.ZERO), later.items(), later.head(), later.digested());
        String digestJson = ProofFixture.digestJson(ProofFixture.digest(tree));

        assertThat(later.check()).isEmpty();
        assertThat(verify(ProofFixture.json(later), digestJson))
                .isEqualTo("verified through seq 5, digest 42; the chain starts at seq 3, earlier items are not covered");
        assertThat(verify(ProofFixture.json(wrongStart), digestJson)).isEqualTo("seq 3: hash does not match its canonical form");
    }

    @Test
    void aProofWithoutADigestOrThatIsNotJsonIsNotVerified() {
        RecordProof undigested = new RecordProof(proof.offerId(), proof.start(), proof.items(), proof.head(), Optional.empty());
        String digestJson = ProofFixture.digestJson(digest);

        assertThat(verify(ProofFixture.json(undigested), digestJson)).isEqualTo("proof: no digest covers this offer yet");
        assertThat(verify(proofJson.substring(0, 100), digestJson)).startsWith("proof: not JSON: ");
        assertThat(verify(proofJson.replace("{\"digest\":", "{\"items\":[],\"digest\":"), digestJson)).startsWith("proof: not JSON: the name items twice");
        assertThat(verify(proofJson, "{\"digestId\":42.0}")).startsWith("digest file: not JSON: a number that is not an integer");
    }

    @Test
    void theCommandExitsZeroWhenVerifiedOneOnAMismatchAndTwoWhenItCannotRead(@TempDir Path dir) throws Exception {
        List<Link> items = new ArrayList<>(proof.items());
        items.set(2, new Link(3, items.get(2).canonical().replace("R3", "R9"), items.get(2).hash()));
        Path good = write(dir, "proof.json", proofJson);
        Path bad = write(dir, "tampered.json", ProofFixture.json(ProofFixture.withItems(proof, items)));
        Path digestFile = write(dir, "digest.json", ProofFixture.digestEvent(digest, "Record Digest"));

        assertThat(run(good, digestFile)).isEqualTo("0 verified through seq 5, digest 42");
        assertThat(run(bad, digestFile)).isEqualTo("1 seq 3: hash does not match its canonical form");
        assertThat(run(dir.resolve("absent.json"), digestFile)).startsWith("2 cannot read");
    }

    private static String verify(String proofJson, String digestJson) {
        IndependentVerifier.Verdict verdict = IndependentVerifier.verify(proofJson, digestJson);
        assertThat(verdict.verified()).isEqualTo(verdict.message().startsWith("verified"));
        return verdict.message();
    }

    /** The verdict once item {@code seq}'s canonical form is replaced and every hash from it on is recomputed. */
    private String verifyRewritten(int seq, String canonical) {
        List<Entry> entries = new ArrayList<>(HashChainTest.entries(5));
        entries.set(seq - 1, new Entry(seq, canonical));
        return verify(ProofFixture.json(ProofFixture.withItemsAndHead(proof, HashChain.link(entries))), ProofFixture.digestJson(digest));
    }

    private static Path write(Path dir, String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    /** Runs the command as documented, with this JDK's java launcher: the exit code, a space, what it printed. */
    private static String run(Path proofFile, Path digestFile) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), IndependentVerifier.SOURCE.toString(), proofFile.toString(), digestFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + " " + output;
    }
}
