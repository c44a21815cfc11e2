package firstrefusal.adapters.out.dynamodb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every kind of an offer's items as one schema: each item read and written through its own kind's schema, the kind told
 * by the sort key ({@link TableLayout}). One query of an offer's partition returns its state, history, kept messages,
 * notices and reminders together, as one of the replay index returns the first four, and the Enhanced Client reads a
 * query's items through one schema; the stream's images are read through it too ({@link TableChanges}). An item of no
 * kind known here reads as null, which the readers skip.
 */
final class OfferItems implements TableSchema<TableItem> {

    static final OfferItems SCHEMA = new OfferItems();

    /** The keys it is queried and written by: the table's own, and the replay index's. */
    private static final TableMetadata METADATA = StaticTableMetadata.builder()
            .addIndexPartitionKey(TableMetadata.primaryIndexName(), TableLayout.PK, AttributeValueType.S)
            .addIndexSortKey(TableMetadata.primaryIndexName(), TableLayout.SK, AttributeValueType.S)
            .addIndexPartitionKey(TableLayout.REPLAY_INDEX, TableLayout.REPLAY_FEED, AttributeValueType.S)
            .addIndexSortKey(TableLayout.REPLAY_INDEX, TableLayout.FIRST_RECEIVED_MS, AttributeValueType.N)
            .build();

    private static final List<String> ATTRIBUTE_NAMES = Stream.of(StateItem.SCHEMA, HistoryItem.SCHEMA, KeptAloneItem.SCHEMA,
            ReminderItem.SCHEMA).flatMap(kind -> kind.attributeNames().stream()).distinct().toList();

    private OfferItems() {
    }

    @Override
    public TableItem mapToItem(Map<String, AttributeValue> item) {
        AttributeValue key = item.get(TableLayout.SK);
        String sk = key == null ? null : key.s();
        if (sk == null) {
            return null;
        }
        if (sk.equals(TableLayout.STATE_SK)) {
            return StateItem.SCHEMA.mapToItem(item);
        }
        if (sk.startsWith(TableLayout.HISTORY_SK_PREFIX)) {
            return HistoryItem.SCHEMA.mapToItem(item);
        }
        if (sk.startsWith(TableLayout.MESSAGE_SK_PREFIX) || sk.startsWith(TableLayout.NOTICE_SK_PREFIX)) {
            return KeptAloneItem.SCHEMA.mapToItem(item);
        }
        if (sk.startsWith(TableLayout.REMINDER_SK_PREFIX)) {
            return ReminderItem.SCHEMA.mapToItem(item);
        }
        return null;
    }

    @Override
    public Map<String, AttributeValue> itemToMap(TableItem item, boolean ignoreNulls) {
        return schemaOf(item).itemToMap(item, ignoreNulls);
    }

    @Override
    public Map<String, AttributeValue> itemToMap(TableItem item, Collection<String> attributes) {
        return schemaOf(item).itemToMap(item, attributes);
    }

    @Override
    public AttributeValue attributeValue(TableItem item, String attributeName) {
        return schemaOf(item).attributeValue(item, attributeName);
    }

    @Override
    public TableMetadata tableMetadata() {
        return METADATA;
    }

    @Override
    public EnhancedType<TableItem> itemType() {
        return EnhancedType.of(TableItem.class);
    }

    @Override
    public List<String> attributeNames() {
        return ATTRIBUTE_NAMES;
    }

    @Override
    public boolean isAbstract() {
        return false;
    }

    /** The schema of the item's own kind; each takes its record only, which the switch makes sure of. */
    @SuppressWarnings("unchecked")
    private static TableSchema<TableItem> schemaOf(TableItem item) {
        TableSchema<? extends TableItem> kind = switch (item) {
            case StateItem s -> StateItem.SCHEMA;
            case HistoryItem h -> HistoryItem.SCHEMA;
            case KeptAloneItem k -> KeptAloneItem.SCHEMA;
            case ReminderItem r -> ReminderItem.SCHEMA;
        };
        return (TableSchema<TableItem>) kind;
    }
}
