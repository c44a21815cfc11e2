package firstrefusal.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import firstrefusal.domain.record.HashChain.Entry;
import firstrefusal.domain.record.HashChain.Link;
import firstrefusal.domain.record.HashChain.Start;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An offer's record as a hash chain: what each hash covers, and the first seq named when the record was changed. */
class HashChainTest {

    private static final List<Link> CHAIN = HashChain.link(entries(5));

    @Test
    void eachHashIsSha256OfThePreviousHashsBytesThenTheCanonicalForm() {
        // Known answers computed apart from this code (Python's hashlib over the same bytes).
        List<Link> links = HashChain.link(List.of(new Entry(1, "{\"kind\":\"message\",\"seq\":1}"), new Entry(2, "{\"note\":\"€\",\"seq\":2}")));

        assertThat(links).extracting(Link::hash).containsExactly(
                "a148f46b1c7eabf1d4287680d3923258c0d1a72bc73c841e6c3b849256cbf26c",
                "3fbbda3273f4a4119ced39778660f29cdf6412df9ef86f0a611d192f841aa774");
        assertThat(HashChain.hash(Hashes.ZERO, "{\"kind\":\"message\",\"seq\":1}")).isEqualTo(links.get(0).hash());
    }

    @Test
    void anUnchangedChainVerifies() {
        assertThat(HashChain.verify(CHAIN)).isEmpty();
        assertThat(HashChain.verify(List.of())).isEmpty();
    }

    @Test
    void aChangedCanonicalFormIsNamedByItsSeq() {
        List<Link> changed = new ArrayList<>(CHAIN);
        Link third = changed.get(2);
        changed.set(2, new Link(3, third.canonical().replace("1234.50", "1234.00"), third.hash()));

        assertThat(message(HashChain.verify(changed))).isEqualTo("seq 3: hash does not match its canonical form");
    }

    @Test
    void aChangedHashIsNamedByItsSeqAndSoIsAnyLaterItemLinkedToTheOldOne() {
        List<Link> changed = new ArrayList<>(CHAIN);
        changed.set(3, new Link(4, CHAIN.get(3).canonical(), Hashes.ZERO));

        assertThat(message(HashChain.verify(changed))).isEqualTo("seq 4: hash does not match its canonical form");
    }

    @Test
    void aGapADuplicateAndASwapEachNameTheFirstSeqOutOfPlace() {
        List<Link> dropped = new ArrayList<>(CHAIN);
        dropped.remove(1);
        List<Link> repeated = new ArrayList<>(CHAIN);
        repeated.add(2, CHAIN.get(1));
        List<Link> swapped = new ArrayList<>(CHAIN);
        swapped.set(1, CHAIN.get(2));
        swapped.set(2, CHAIN.get(1));

        assertThat(message(HashChain.verify(dropped))).isEqualTo("seq 2: missing (the next item is seq 3)");
        assertThat(message(HashChain.verify(repeated))).isEqualTo("seq 2: appears more than once");
        assertThat(message(HashChain.verify(swapped))).isEqualTo("seq 2: out of order (seq 3 comes before it)");
        assertThat(message(HashChain.verify(CHAIN.subList(1, 5)))).isEqualTo("seq 1: missing (the next item is seq 2)");
    }

    @Test
    void aChainCanStartLaterAfterTheHashItsPredecessorWasGiven() {
        Start start = new Start(3, CHAIN.get(1).hash());
        List<Link> tail = HashChain.link(start, entries(5).subList(2, 5));

        assertThat(tail).isEqualTo(CHAIN.subList(2, 5));
        assertThat(HashChain.verify(start, tail)).isEmpty();
        assertThat(message(HashChain.verify(new Start(3, Hashes.ZERO), tail))).isEqualTo("seq 3: hash does not match its canonical form");
        assertThat(message(HashChain.verify(start, CHAIN))).isEqualTo("seq 1: before the start of the chain at seq 3");
        assertThat(Start.GENESIS.isGenesis()).isTrue();
    }

    @Test
    void linkingRefusesEntriesThatDoNotRunOnFromTheStart() {
        assertThatThrownBy(() -> HashChain.link(List.of(new Entry(2, "{}")))).hasMessage("seq 2 where seq 1 comes next");
        assertThatThrownBy(() -> new Start(0, Hashes.ZERO)).hasMessageContaining("seq 1 or later");
        assertThatThrownBy(() -> new Start(2, "ABC")).hasMessageContaining("lowercase hex");
    }

    /** An offer's record: the kept offer, then history entries, each with its seq in its canonical form. */
    static List<Entry> entries(int count) {
        List<Entry> entries = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            Map<String, Object> item = seq == 1
                    ? Map.of("kind", "message", "offerId", ProofFixture.OFFER, "seq", seq, "recordedAt", "2026-12-01T09:00:00Z",
                            "terms", Map.of("price", "1234.50", "currency", "USD"), "note", "capacity \"A\" – Abilene\n")
                    : Map.of("kind", "history", "offerId", ProofFixture.OFFER, "seq", seq, "status", "PENDING",
                            "rule", "R" + seq, "recordedAt", "2026-12-0" + seq + "T10:00:00Z", "price", "1234.50");
            entries.add(new Entry(seq, Canonical.json(item)));
        }
        return entries;
    }

    private static String message(Optional<Mismatch> mismatch) {
        return mismatch.map(Mismatch::message).orElse("verified");
    }
}
