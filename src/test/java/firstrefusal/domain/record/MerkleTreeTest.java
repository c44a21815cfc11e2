package firstrefusal.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9162 §2.1 trees, inclusion proofs and their verification, held to the published Certificate Transparency test
 * vectors: the RFC 6962 reference data used by CT implementations, as published in github.com/transparency-dev/merkle
 * (proof/verify_test.go: leaves, roots, inclusionProofs; rfc6962/rfc6962_test.go: the hasher's known answers) and
 * earlier in google/certificate-transparency. Written here as data; no code is taken from there.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The eight leaves of the reference tree (raw bytes, given in hex). */
    static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** The root of the tree of the first n leaves, for n = 1..8. */
    static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void theHasherGivesThePublishedKnownAnswers() {
        assertThat(hex(MerkleTree.of(List.of()).root())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(MerkleTree.leafHash(new byte[0]))).isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(hex(MerkleTree.leafHash(bytes("L123456")))).isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
        assertThat(hex(MerkleTree.nodeHash(bytes("N123"), bytes("N456"))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    void theRootOfEachTreeSizeIsThePublishedOne() {
        for (int size = 1; size <= 8; size++) {
            assertThat(hex(tree(size).root())).as("size %d", size).isEqualTo(ROOTS.get(size - 1));
        }
    }

    /** The published inclusion paths: leaf given 1-based as published, tree size, path from the leaf up. */
    @ParameterizedTest(name = "leaf {0} of {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | 1 | ''",
            "1 | 8 | 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            "6 | 8 | bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "3 | 3 | fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "2 | 5 | 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})
    void inclusionProofsAreThePublishedPathsAndVerifyWhileNoCorruptionDoes(int leaf, int size, String published) {
        List<byte[]> path = published.isEmpty() ? List.of() : List.of(published.split(" ")).stream().map(HEX::parseHex).toList();
        byte[] leafHash = MerkleTree.leafHash(HEX.parseHex(LEAVES.get(leaf - 1)));
        byte[] root = HEX.parseHex(ROOTS.get(size - 1));
        long index = leaf - 1;

        assertThat(tree(size).inclusionProof(leaf - 1)).extracting(MerkleTreeTest::hex).containsExactlyElementsOf(path.stream().map(MerkleTreeTest::hex).toList());
        assertThat(MerkleTree.verifyInclusion(index, size, leafHash, path, root)).isTrue();

        // The corruptions a verifier must refuse: wrong index or size, wrong leaf or root, garbage, a flipped bit.
        byte[] otherRoot = HEX.parseHex(ROOTS.get(size % 8));
        assertThat(MerkleTree.verifyInclusion(index - 1, size, leafHash, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index + 1, size, leafHash, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index ^ 2, size, leafHash, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size * 2L, leafHash, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size / 2, leafHash, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, MerkleTree.leafHash(bytes("WrongLeaf")), path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leafHash, path, otherRoot)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leafHash, with(path, path.size(), root), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leafHash, with(path, 0, root), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leafHash, with(path, 0, new byte[0]), root)).isFalse();
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> flipped = new ArrayList<>(path);
            byte[] step = path.get(i).clone();
            step[0] ^= 8;
            flipped.set(i, step);
            assertThat(MerkleTree.verifyInclusion(index, size, leafHash, flipped, root)).as("bit flipped in step %d", i).isFalse();
        }
        if (!path.isEmpty()) {
            assertThat(MerkleTree.verifyInclusion(index, size, leafHash, path.subList(0, path.size() - 1), root)).isFalse();
        }
    }

    @Test
    void everyLeafOfEveryTreeUpToSeventyIsProvenAgainstItsRootAndNoOther() {
        List<byte[]> leaves = IntStream.range(0, 70).mapToObj(i -> bytes("{\"offerId\":\"offer-" + i + "\"}")).toList();
        for (int size = 1; size <= 70; size++) {
            MerkleTree tree = MerkleTree.of(leaves.subList(0, size));
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = tree.inclusionProof(index);
                byte[] leafHash = MerkleTree.leafHash(leaves.get(index));
                assertThat(MerkleTree.rootFromInclusionProof(index, size, leafHash, proof)).as("%d of %d", index, size)
                        .hasValueSatisfying(root -> assertThat(root).isEqualTo(tree.root()));
                assertThat(MerkleTree.verifyInclusion((index + 1) % size, size, leafHash, proof, tree.root()))
                        .isEqualTo(size == 1);
            }
        }
    }

    @Test
    void aTreeSplitsAtTheLargestPowerOfTwoBelowItsSize() {
        assertThat(IntStream.rangeClosed(2, 9).map(MerkleTree::split).toArray()).containsExactly(1, 2, 2, 4, 4, 4, 4, 8);
    }

    @Test
    void noProofIsGivenOrAcceptedForALeafOutsideTheTree() {
        assertThatThrownBy(() -> tree(3).inclusionProof(3)).hasMessage("leaf 3 is not in a tree of 3");
        assertThat(MerkleTree.rootFromInclusionProof(0, 0, MerkleTree.leafHash(new byte[0]), List.of())).isEmpty();
        assertThat(MerkleTree.rootFromInclusionProof(1, 1, MerkleTree.leafHash(new byte[0]), List.of())).isEmpty();
        assertThat(MerkleTree.rootFromInclusionProof(-1, 1, MerkleTree.leafHash(new byte[0]), List.of())).isEmpty();
        assertThat(MerkleTree.rootFromInclusionProof(0, 1, new byte[0], List.of())).isEmpty();
    }

    private static MerkleTree tree(int size) {
        return MerkleTree.of(LEAVES.subList(0, size).stream().map(HEX::parseHex).toList());
    }

    private static List<byte[]> with(List<byte[]> path, int at, byte[] extra) {
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(at, extra);
        return longer;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
