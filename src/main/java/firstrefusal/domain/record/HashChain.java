package firstrefusal.domain.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An offer's record as a hash chain: the item at seq n is hashed after the hash of seq n - 1 (32 zero bytes before
 * seq 1), {@code hash_n = hex(SHA-256(raw32(hash_{n-1}) || UTF-8(canonical_n)))}. Changing, dropping, reordering or
 * inserting an item changes every hash after it, so the head alone, once published in a digest, pins the whole record.
 */
public final class HashChain {

    /** An item before it is hashed: its seq and its canonical form. */
    public record Entry(long seq, String canonical) {
    }

    /** An item with its hash. */
    public record Link(long seq, String canonical, String hash) {
    }

    /**
     * Where a chain begins: seq 1 after 32 zero bytes, or, for a record whose earlier items were written before it was
     * chained, a later seq after the hash its predecessor was given. A proof that starts later says so, because nothing
     * before that seq is covered.
     */
    public record Start(long seq, String previousHash) {

        public static final Start GENESIS = new Start(1, Hashes.ZERO);

        public Start {
            if (seq < 1) {
                throw new IllegalArgumentException("a chain starts at seq 1 or later, not " + seq);
            }
            Hashes.raw32(previousHash);
        }

        public boolean isGenesis() {
            return equals(GENESIS);
        }
    }

    private HashChain() {
    }

    /** The hash of an item whose predecessor's hash is {@code previousHash}. */
    public static String hash(String previousHash, String canonical) {
        return Hashes.hex(Hashes.sha256(Hashes.raw32(previousHash), canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** The entries, from seq 1 on, with their hashes. */
    public static List<Link> link(List<Entry> entries) {
        return link(Start.GENESIS, entries);
    }

    /** The entries, from {@code start} on, with their hashes; their seqs must run on from the start without a gap. */
    public static List<Link> link(Start start, List<Entry> entries) {
        List<Link> links = new ArrayList<>(entries.size());
        String previous = start.previousHash();
        long expected = start.seq();
        for (Entry entry : entries) {
            if (entry.seq() != expected) {
                throw new IllegalArgumentException("seq " + entry.seq() + " where seq " + expected + " comes next");
            }
            previous = hash(previous, entry.canonical());
            links.add(new Link(entry.seq(), entry.canonical(), previous));
            expected++;
        }
        return List.copyOf(links);
    }

    /** The first item, from seq 1 on, that is not where it belongs or whose hash does not match. */
    public static Optional<Mismatch> verify(List<Link> links) {
        return verify(Start.GENESIS, links);
    }

    /** The first item, from {@code start} on, that is not where it belongs or whose hash does not match. */
    public static Optional<Mismatch> verify(Start start, List<Link> links) {
        String previous = start.previousHash();
        long expected = start.seq();
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.seq() != expected) {
                return Optional.of(outOfPlace(start, links, i, expected));
            }
            if (link.canonical() == null || !hash(previous, link.canonical()).equals(link.hash())) {
                return Optional.of(Mismatch.seq(expected, "hash does not match its canonical form"));
            }
            previous = link.hash();
            expected++;
        }
        return Optional.empty();
    }

    /** Why the item at {@code index} is not seq {@code expected}: a repeat, a later item come early, or a gap. */
    static Mismatch outOfPlace(Start start, List<Link> links, int index, long expected) {
        long found = links.get(index).seq();
        if (found < start.seq()) {
            return Mismatch.seq(found, "before the start of the chain at seq " + start.seq());
        }
        if (found < expected) {
            return Mismatch.seq(found, "appears more than once");
        }
        for (int j = index + 1; j < links.size(); j++) {
            if (links.get(j).seq() == expected) {
                return Mismatch.seq(expected, "out of order (seq " + found + " comes before it)");
            }
        }
        return Mismatch.seq(expected, "missing (the next item is seq " + found + ")");
    }
}
