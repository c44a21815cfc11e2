package firstrefusal.adapters.out.dynamodb;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClientExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbExtensionContext;
import software.amazon.awssdk.enhanced.dynamodb.extensions.WriteModification;
import software.amazon.awssdk.enhanced.dynamodb.internal.operations.OperationName;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.update.AddAction;
import software.amazon.awssdk.enhanced.dynamodb.update.UpdateExpression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's {@code ADD} in the Enhanced Client's updates. An update through the Enhanced Client SETs every attribute
 * of the item it is given; an attribute tagged {@link #added()} is instead added to what is stored (a number to the
 * stored number, members to the stored set). Two writers that each add a reminder lead, or each count a decision, so
 * need not read the item first, and neither undoes the other. Puts are left alone: they store the values as given.
 *
 * <p>The tag is schema metadata, as the Enhanced Client's own extensions (versioned records, atomic counters) keep
 * theirs, so a schema says which of its attributes are added to, and nothing else needs registering.
 */
final class Additions implements DynamoDbEnhancedClientExtension {

    /** The one extension the table's Enhanced Client runs ({@link TableClients}). */
    static final Additions EXTENSION = new Additions();

    private static final String ADDED = "firstrefusal:added";
    private static final StaticAttributeTag TAG =
            (attribute, type) -> metadata -> metadata.addCustomMetadataObject(ADDED, List.<Object>of(attribute));

    private Additions() {
    }

    /** An attribute an update adds to rather than replaces. */
    static StaticAttributeTag added() {
        return TAG;
    }

    /** In an update, the tagged attributes leave the SET the Enhanced Client writes and become one ADD each. */
    @Override
    public WriteModification beforeWrite(DynamoDbExtensionContext.BeforeWrite context) {
        Collection<?> tagged = context.tableMetadata().customMetadataObject(ADDED, Collection.class).orElse(List.of());
        if (context.operationName() != OperationName.UPDATE_ITEM || tagged.isEmpty()) {
            return WriteModification.builder().build();
        }
        Map<String, AttributeValue> set = new HashMap<>(context.items());
        UpdateExpression.Builder add = UpdateExpression.builder();
        boolean any = false;
        for (Object attribute : tagged) {
            AttributeValue value = set.remove((String) attribute);
            if (value != null) {
                // The schemas' attribute names are plain words, so they make placeholders as they are.
                add.addAction(AddAction.builder().path("#add_" + attribute).value(":add_" + attribute)
                        .putExpressionName("#add_" + attribute, (String) attribute)
                        .putExpressionValue(":add_" + attribute, value).build());
                any = true;
            }
        }
        return any ? WriteModification.builder().transformedItem(set).updateExpression(add.build()).build()
                : WriteModification.builder().build();
    }
}
