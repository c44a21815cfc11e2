package firstrefusal.adapters.out.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The one table, its keys and its indexes: the single place they are named. {@code infra/template.yaml}
 * must declare the same (a test holds them together).
 *
 * <pre>
 * item            pk               sk                          index keys
 * offer state     OFFER#{offerId}  STATE                       outstanding = "PENDING", dueAt   (while pending only);
 *                                                              replayFeed = "OFFERS", firstReceivedMs;
 *                                                              undigested = "HEAD", pk (while its chain's head is
 *                                                              not in a digest: headSeq, headHash)
 * (every item appended to an offer's record, decision, kept message, notice and reminder, carries seq and hash)
 * decision        OFFER#{offerId}  HISTORY#{sequence}          feed = "DECISIONS", decidedOrder;
 *                                                              byProvider, byStatus, byRule (each with decidedOrder);
 *                                                              replayFeed, firstReceivedMs
 * kept message    OFFER#{offerId}  MESSAGE#{key}               replayFeed, firstReceivedMs   (one that caused no entry)
 * notice          OFFER#{offerId}  NOTICE#r{revision}          replayFeed, firstReceivedMs
 * reminder        OFFER#{offerId}  REMINDER#r{revision}#{lead}[#n{sequence}]
 * decisions of a  LEDGER#COUNT#{version}           TOTAL (entries), OFFER#{offerId} (the sequences counted)
 *   version
 * a commitment    LEDGER#COMMITMENT#{version}#{provider}#{from}[#{to}]   OFFER#{offerId} (contractedUsd, sequence);
 *                                                              TOTAL (contractedUsd, recount, recountFrom)
 * a deployment    DEPLOYMENTS      DEPLOYMENT#{id}             (deployedAt, agreement)
 * a response id   RESPONSE#{responseId}  RESPONSE              (offerId, answer): one answer to one offer
 * a digest        DIGESTS          DIGEST#{id, 20 digits}      (digestId, coversUntil, previous, treeSize, root, hash;
 *                                                              marked, archived, leafItems)
 * its leaves      DIGEST#{id}      LEAVES#{n, 5 digits}        (offerIds, seqs, hashes: a few thousand leaves in order)
 * chaining older  RECORD           CHAINING                    (next, completedAt): the clock's pass over older records
 *   records
 * </pre>
 *
 * The table's stream ({@code NEW_IMAGE}) carries every new decision and reminder to {@code notify}, which
 * publishes them; the state item's, the kept messages' and the notices' are skipped.
 *
 * The decision record is read through four indexes on the history items, one per filter (all decisions, by
 * provider, by status, by rule), each sorted by decidedAt (then offer and sequence), so a page of it reads about
 * what it returns; a fifth sorts every item of an offer but its reminders by the offer's first receipt, so the what-if
 * reads the offers of a date range whole.
 * The outstanding index is sparse: an offer leaves it the moment it is decided, so the clock and the
 * status page read pending offers only, never the history. Both index partitions are single keys: at
 * the volume of capacity offers (thousands, not millions) one partition's throughput is ample, and a
 * single key keeps the reads to one ordered query.
 */
public final class TableLayout {

    public static final String PK = "pk";
    public static final String SK = "sk";

    public static final String OUTSTANDING_INDEX = "outstanding-by-due";
    public static final String OUTSTANDING = "outstanding";
    public static final String DUE_AT = "dueAt";
    public static final String PENDING = "PENDING";

    public static final String RECENT_INDEX = "recent-decisions";
    public static final String FEED = "feed";
    /**
     * The decision indexes' sort key: decidedAt, then offerId, then sequence, as one string that sorts as they do, so
     * decisions of one instant keep a stable newest-first order ({@link DecisionOrder}).
     */
    public static final String DECIDED_ORDER = "decidedOrder";
    public static final String DECISIONS = "DECISIONS";

    public static final String BY_PROVIDER_INDEX = "decisions-by-provider";
    public static final String BY_PROVIDER = "byProvider";
    public static final String BY_STATUS_INDEX = "decisions-by-status";
    public static final String BY_STATUS = "byStatus";
    public static final String BY_RULE_INDEX = "decisions-by-rule";
    public static final String BY_RULE = "byRule";

    /**
     * A sparse index of the offers whose chain head moved since the last digest took it: the digest reads this, what
     * changed, never all of history, in the order of the offers' keys (so by offerId, as the digest's leaves go).
     */
    public static final String UNDIGESTED_INDEX = "undigested-heads";
    public static final String UNDIGESTED = "undigested";
    static final String HEAD = "HEAD";

    public static final String REPLAY_INDEX = "offers-by-first-receipt";
    public static final String REPLAY_FEED = "replayFeed";
    public static final String FIRST_RECEIVED_MS = "firstReceivedMs";
    public static final String OFFERS = "OFFERS";

    /** On the state item: how many times the record was written, the condition of every write. */
    public static final String VERSION = "version";
    /** On the state item: the reminder leads sent for its revision (a string set). */
    public static final String REMINDED = "reminded";

    static final String STATE_SK = "STATE";
    static final String OFFER_PK_PREFIX = "OFFER#";
    static final String HISTORY_SK_PREFIX = "HISTORY#";
    static final String REMINDER_SK_PREFIX = "REMINDER#";
    static final String MESSAGE_SK_PREFIX = "MESSAGE#";
    static final String NOTICE_SK_PREFIX = "NOTICE#";

    private TableLayout() {
    }

    static String offerKey(String offerId) {
        return OFFER_PK_PREFIX + offerId;
    }

    /** The offer an item's partition key names: {@link #offerKey} read back. */
    static String offerIdOf(String offerKey) {
        return offerKey.substring(OFFER_PK_PREFIX.length());
    }

    /** Zero-padded so the history sorts in recording order. */
    static String historyKey(long sequence) {
        return HISTORY_SK_PREFIX + String.format("%010d", sequence);
    }

    /** The sequence a history item's sort key holds: {@link #historyKey} read back. */
    static long sequenceOf(String historyKey) {
        return Long.parseLong(historyKey.substring(HISTORY_SK_PREFIX.length()));
    }

    /** One per revision, lead and deadline: {@code REMINDER#r1#PT24H}, or {@code REMINDER#r1#PT24H#n3} once a late notice moved it. */
    static String reminderKey(String reminderKey) {
        return REMINDER_SK_PREFIX + reminderKey.replace("#reminder#", "#");
    }

    /** A kept message that caused no history entry of its own: {@code MESSAGE#response:r-1}. */
    static String messageKey(String itemKey) {
        return MESSAGE_SK_PREFIX + itemKey;
    }

    /** The agreement's figures, apart from the offers: decisions counted under a version. */
    static String countKey(String version) {
        return "LEDGER#COUNT#" + version;
    }

    /**
     * ... and each offer's contribution to a commitment (a version's commitment to a provider over a span), with the sum
     * under {@link #TOTAL_SK}. Its span is part of its name: a deployment that changes the span counts it afresh.
     */
    static String commitmentKey(firstrefusal.domain.policy.Commitment c) {
        return "LEDGER#COMMITMENT#" + c.version() + "#" + c.provider() + "#" + c.from() + c.to().map(to -> "#" + to).orElse("");
    }

    static final String TOTAL_SK = "TOTAL";

    static final String RESPONSE_SK = "RESPONSE";

    /** A holder response's id, claimed by the first offer it answers. */
    static String responseKey(String responseId) {
        return "RESPONSE#" + responseId;
    }

    /** Every deployment in one partition: start-up reads it with one query. */
    static final String DEPLOYMENTS_PK = "DEPLOYMENTS";

    static String deploymentKey(String id) {
        return "DEPLOYMENT#" + id;
    }

    static String deploymentIdOf(String deploymentKey) {
        return deploymentKey.substring("DEPLOYMENT#".length());
    }

    /** A position in the replay index, as text: its keys, one a line. */
    static String replayCursor(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        return key.get(PK).s() + "\n" + key.get(SK).s() + "\n" + key.get(FIRST_RECEIVED_MS).n();
    }

    /** {@link #replayCursor} read back. */
    static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> replayPosition(String cursor) {
        String[] parts = cursor.split("\n", 3);
        return java.util.Map.of(PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(parts[0]),
                SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(parts[1]),
                REPLAY_FEED, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(OFFERS),
                FIRST_RECEIVED_MS, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(parts[2]));
    }

    /** Every digest in one partition, by id: the newest is the last. */
    static final String DIGESTS_PK = "DIGESTS";

    static String digestKey(long digestId) {
        return String.format("DIGEST#%020d", digestId);
    }

    /** A digest's leaves, in a partition of their own. */
    static String digestLeavesKey(long digestId) {
        return "DIGEST#" + digestId;
    }

    static String leavesKey(int n) {
        return String.format("LEAVES#%05d", n);
    }

    /** Where the clock's pass over records older than the chain stands. */
    static final String RECORD_PK = "RECORD";
    static final String CHAINING_SK = "CHAINING";

    /** A notice: {@code NOTICE#r1}, written once per window. */
    static String noticeKey(int revision) {
        return NOTICE_SK_PREFIX + "r" + revision;
    }

    /**
     * The table as this code expects it: on-demand, with the indexes projecting every attribute (the undigested heads'
     * only the head), and a
     * stream of new item images for {@code notify}.
     */
    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE).build())
                .attributeDefinitions(
                        attribute(PK, ScalarAttributeType.S), attribute(SK, ScalarAttributeType.S),
                        attribute(OUTSTANDING, ScalarAttributeType.S), attribute(DUE_AT, ScalarAttributeType.N),
                        attribute(FEED, ScalarAttributeType.S), attribute(DECIDED_ORDER, ScalarAttributeType.S),
                        attribute(BY_PROVIDER, ScalarAttributeType.S), attribute(BY_STATUS, ScalarAttributeType.S),
                        attribute(BY_RULE, ScalarAttributeType.S), attribute(REPLAY_FEED, ScalarAttributeType.S),
                        attribute(FIRST_RECEIVED_MS, ScalarAttributeType.N), attribute(UNDIGESTED, ScalarAttributeType.S))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(OUTSTANDING_INDEX, OUTSTANDING, DUE_AT),
                        index(RECENT_INDEX, FEED, DECIDED_ORDER),
                        index(BY_PROVIDER_INDEX, BY_PROVIDER, DECIDED_ORDER),
                        index(BY_STATUS_INDEX, BY_STATUS, DECIDED_ORDER),
                        index(BY_RULE_INDEX, BY_RULE, DECIDED_ORDER),
                        index(REPLAY_INDEX, REPLAY_FEED, FIRST_RECEIVED_MS),
                        index(UNDIGESTED_INDEX, UNDIGESTED, PK, StateItem.HEAD_SEQ, StateItem.HEAD_HASH))
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(List.of(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    /** An index that holds only the keys and {@code included}: the digest reads the heads, not whole states. */
    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey, String... included) {
        return index(name, partitionKey, sortKey).toBuilder()
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(included).build())
                .build();
    }
}
