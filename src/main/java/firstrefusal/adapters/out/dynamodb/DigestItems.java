package firstrefusal.adapters.out.dynamodb;

import static firstrefusal.adapters.out.dynamodb.ItemAttributes.attribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import firstrefusal.domain.record.ChainStore;
import firstrefusal.domain.record.Digest;
import firstrefusal.domain.record.DigestLeaf;
import firstrefusal.domain.record.DigestStore;
import firstrefusal.domain.record.DigestTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The digests as the table keeps them ({@link TableLayout}): one item per digest in the {@code DIGESTS} partition, whose
 * insert the stream turns into the {@code Record Digest} event, and its leaves in items of their own partition, a few
 * thousand an item, so a digest of tens of thousands of offers is one transaction.
 */
final class DigestItems {

    /** Leaves per item: about 110 bytes each, well inside an item's 400 KB. */
    static final int LEAVES_PER_ITEM = 3000;

    private DigestItems() {
    }

    /**
     * A digest: its five fields and hash, as published; how many of its leaves' offers were told where their leaf is;
     * whether its copy is out of reach; how many leaf items it has.
     */
    record Header(String pk, String sk, Long digestId, String coversUntil, String previous, Long treeSize, String root,
            String hash, Long marked, Boolean archived, Long leafItems) {

        static final StaticImmutableTableSchema<Header, ItemAttributes> SCHEMA = TableSchema.builder(Header.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Header::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Header::sk, primarySortKey()))
                .addAttribute(Long.class, attribute("digestId", Header::digestId))
                .addAttribute(String.class, attribute("coversUntil", Header::coversUntil))
                .addAttribute(String.class, attribute("previous", Header::previous))
                .addAttribute(Long.class, attribute("treeSize", Header::treeSize))
                .addAttribute(String.class, attribute("root", Header::root))
                .addAttribute(String.class, attribute("hash", Header::hash))
                .addAttribute(Long.class, attribute("marked", Header::marked))
                .addAttribute(Boolean.class, attribute("archived", Header::archived))
                .addAttribute(Long.class, attribute("leafItems", Header::leafItems))
                .newItemBuilder(ItemAttributes::new, f -> new Header(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("digestId"),
                        f.get("coversUntil"), f.get("previous"), f.get("treeSize"), f.get("root"), f.get("hash"), f.get("marked"),
                        f.get("archived"), f.get("leafItems")))
                .build();

        static Header of(Digest digest, int leafItems) {
            return new Header(TableLayout.DIGESTS_PK, TableLayout.digestKey(digest.digestId()), digest.digestId(),
                    digest.coversUntil().toString(), digest.previous(), digest.treeSize(), digest.root(), digest.hash(), 0L,
                    false, (long) leafItems);
        }

        Digest digest() {
            return new Digest(digestId, Instant.parse(coversUntil), previous, treeSize, root);
        }

        DigestStore.Kept kept() {
            return new DigestStore.Kept(digest(), hash, marked == null ? 0 : marked.intValue(), Boolean.TRUE.equals(archived));
        }
    }

    /** Where a digest is marked up to, or that its copy was made: an update of the header that leaves the rest alone. */
    record Progress(String pk, String sk, Long marked, Boolean archived) {

        static final StaticImmutableTableSchema<Progress, ItemAttributes> SCHEMA = TableSchema.builder(Progress.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Progress::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Progress::sk, primarySortKey()))
                .addAttribute(Long.class, attribute("marked", Progress::marked))
                .addAttribute(Boolean.class, attribute("archived", Progress::archived))
                .newItemBuilder(ItemAttributes::new, f -> new Progress(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("marked"),
                        f.get("archived")))
                .build();
    }

    /** A run of a digest's leaves, in leaf order: three lists of one length, so an item spends no bytes on names. */
    record Leaves(String pk, String sk, List<String> offerIds, List<Long> seqs, List<String> hashes) {

        static final StaticImmutableTableSchema<Leaves, ItemAttributes> SCHEMA = TableSchema.builder(Leaves.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Leaves::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Leaves::sk, primarySortKey()))
                .addAttribute(EnhancedType.listOf(String.class), attribute("offerIds", Leaves::offerIds))
                .addAttribute(EnhancedType.listOf(Long.class), attribute("seqs", Leaves::seqs))
                .addAttribute(EnhancedType.listOf(String.class), attribute("hashes", Leaves::hashes))
                .newItemBuilder(ItemAttributes::new, f -> new Leaves(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get("offerIds"),
                        f.get("seqs"), f.get("hashes")))
                .build();

        /** The tree's leaves, {@link #LEAVES_PER_ITEM} an item. */
        static List<Leaves> of(long digestId, DigestTree tree) {
            List<Leaves> items = new ArrayList<>();
            List<DigestLeaf> leaves = tree.leaves();
            for (int from = 0, n = 0; from < leaves.size(); from += LEAVES_PER_ITEM, n++) {
                List<DigestLeaf> run = leaves.subList(from, Math.min(leaves.size(), from + LEAVES_PER_ITEM));
                items.add(new Leaves(TableLayout.digestLeavesKey(digestId), TableLayout.leavesKey(n),
                        run.stream().map(DigestLeaf::offerId).toList(), run.stream().map(DigestLeaf::seq).toList(),
                        run.stream().map(DigestLeaf::hash).toList()));
            }
            return items;
        }

        List<DigestLeaf> leaves() {
            List<DigestLeaf> leaves = new ArrayList<>(offerIds.size());
            for (int i = 0; i < offerIds.size(); i++) {
                leaves.add(new DigestLeaf(offerIds.get(i), seqs.get(i), hashes.get(i)));
            }
            return leaves;
        }
    }

    /**
     * On an offer's state: where the newest digest that took its head keeps its leaf (its place, its inclusion proof and
     * the seq it holds). Not part of {@link StateItem}'s schema, so the state's own updates leave it; written with
     * {@code undigested} removed when the head is still the one the digest took, and without touching it otherwise.
     */
    record Marked(String pk, String sk, Long digestId, Long leafIndex, Long digestedSeq, List<String> inclusion,
            String undigested) {

        static final String DIGEST_ID = "digestId";

        static final StaticImmutableTableSchema<Marked, ItemAttributes> SCHEMA = TableSchema.builder(Marked.class, ItemAttributes.class)
                .addAttribute(String.class, attribute(TableLayout.PK, Marked::pk, primaryPartitionKey()))
                .addAttribute(String.class, attribute(TableLayout.SK, Marked::sk, primarySortKey()))
                .addAttribute(Long.class, attribute(DIGEST_ID, Marked::digestId))
                .addAttribute(Long.class, attribute("leafIndex", Marked::leafIndex))
                .addAttribute(Long.class, attribute("digestedSeq", Marked::digestedSeq))
                .addAttribute(EnhancedType.listOf(String.class), attribute("inclusion", Marked::inclusion))
                .addAttribute(String.class, attribute(TableLayout.UNDIGESTED, Marked::undigested))
                .newItemBuilder(ItemAttributes::new, f -> new Marked(f.get(TableLayout.PK), f.get(TableLayout.SK), f.get(DIGEST_ID),
                        f.get("leafIndex"), f.get("digestedSeq"), f.get("inclusion"), f.get(TableLayout.UNDIGESTED)))
                .build();

        static Marked of(long digestId, DigestTree tree, int index) {
            DigestLeaf leaf = tree.leaves().get(index);
            return new Marked(TableLayout.offerKey(leaf.offerId()), TableLayout.STATE_SK, digestId, (long) index, leaf.seq(),
                    tree.inclusion(index), null);
        }

        ChainStore.DigestPointer pointer() {
            return new ChainStore.DigestPointer(digestId, leafIndex,
                    inclusion == null ? List.of() : inclusion, digestedSeq);
        }
    }
}
