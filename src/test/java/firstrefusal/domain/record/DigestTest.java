package firstrefusal.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A digest: its leaves (offers' heads, sorted by offerId), its tree, its five fields and the hash over them. */
class DigestTest {

    private static final String H1 = "11".repeat(32);
    private static final String H2 = "22".repeat(32);
    private static final String H3 = "33".repeat(32);

    @Test
    void aLeafIsTheCanonicalFormOfOfferIdSeqAndHash() {
        assertThat(new DigestLeaf("oracle-abilene-1", 3, H1).canonical())
                .isEqualTo("{\"hash\":\"" + H1 + "\",\"offerId\":\"oracle-abilene-1\",\"seq\":3}");
    }

    @Test
    void leavesAreSortedByOfferIdAndTheRootIsTheMerkleTreeOfTheirCanonicalForms() {
        DigestLeaf a = new DigestLeaf("aws-ohio-2", 7, H1);
        DigestLeaf b = new DigestLeaf("oracle-abilene-1", 3, H2);
        DigestLeaf c = new DigestLeaf("Zeta-upper-case-sorts-first", 1, H3);

        DigestTree tree = DigestTree.of(List.of(b, a, c));

        assertThat(tree.leaves()).containsExactly(c, a, b);
        MerkleTree expected = MerkleTree.of(List.of(c, a, b).stream().map(leaf -> leaf.canonical().getBytes(StandardCharsets.UTF_8)).toList());
        assertThat(tree.root()).isEqualTo(Hashes.hex(expected.root()));
        assertThat(tree.indexOf("oracle-abilene-1")).hasValue(2);
        assertThat(tree.indexOf("Zeta-upper-case-sorts-first")).hasValue(0);
        assertThat(tree.indexOf("nobody")).isEmpty();
        for (int i = 0; i < 3; i++) {
            byte[] leafHash = MerkleTree.leafHash(tree.leaves().get(i).canonical().getBytes(StandardCharsets.UTF_8));
            List<byte[]> path = tree.inclusion(i).stream().map(Hashes::raw32).toList();
            assertThat(MerkleTree.verifyInclusion(i, 3, leafHash, path, Hashes.raw32(tree.root()))).isTrue();
        }
    }

    @Test
    void anOfferAppearsOnceInADigest() {
        assertThatThrownBy(() -> DigestTree.of(List.of(new DigestLeaf("x", 1, H1), new DigestLeaf("x", 2, H2))))
                .hasMessage("offer x appears twice in one digest");
    }

    @Test
    void theDigestsHashIsSha256OfItsFiveFieldsCanonical() {
        Digest digest = new Digest(1, Instant.parse("2026-12-06T14:00:00Z"), null, 3, "ab".repeat(32));

        assertThat(digest.canonical()).isEqualTo("{\"coversUntil\":\"2026-12-06T14:00:00Z\",\"digestId\":1,\"previous\":null,"
                + "\"root\":\"" + "ab".repeat(32) + "\",\"treeSize\":3}");
        // Known answer computed apart from this code (Python's hashlib over the text above).
        assertThat(digest.hash()).isEqualTo("d70d332d61e7658b67d6fbd5f0a91b6f66d663f7b92f1e01e77adbf7f6ed93df");
    }

    @Test
    void aDigestOverATreeTakesItsSizeAndRootAndChainsToThePreviousDigest() {
        DigestTree tree = DigestTree.of(List.of(new DigestLeaf("a", 1, H1), new DigestLeaf("b", 2, H2)));
        Digest first = Digest.of(1, Instant.parse("2026-12-06T13:00:00Z"), null, tree);
        Digest second = Digest.of(2, Instant.parse("2026-12-06T14:00:00Z"), first.hash(), tree);

        assertThat(second.treeSize()).isEqualTo(2);
        assertThat(second.root()).isEqualTo(tree.root());
        assertThat(second.previous()).isEqualTo(first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash());
    }

    @Test
    void malformedDigestsAndLeavesAreRefused() {
        Instant at = Instant.parse("2026-12-06T14:00:00Z");
        assertThatThrownBy(() -> new Digest(0, at, null, 1, H1)).hasMessageContaining("from 1");
        assertThatThrownBy(() -> new Digest(1, at, "AB".repeat(32), 1, H1)).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> new Digest(1, at, null, 1, "root")).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> new Digest(1, null, null, 1, H1)).hasMessageContaining("until when");
        assertThatThrownBy(() -> new DigestLeaf(" ", 1, H1)).hasMessageContaining("names its offer");
        assertThatThrownBy(() -> new DigestLeaf("a", 0, H1)).hasMessageContaining("seq 1 or later");
    }
}
