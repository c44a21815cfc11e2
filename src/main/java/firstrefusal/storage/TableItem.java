package firstrefusal.storage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import firstrefusal.offer.CapacityOffer;
import firstrefusal.offer.Decision;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * What every item of the table holds: its keys, the offer (the revision it concerns) and a decision. Each
 * kind's schema starts from {@link #schema}; schemas are declared field by field rather than by bean
 * reflection, for a quicker cold start and a native image without reflection.
 */
abstract class TableItem {

    String pk;
    String sk;
    CapacityOffer offer;
    Decision decision;

    static <T extends TableItem> StaticTableSchema.Builder<T> schema(Class<T> type, Supplier<T> newItem) {
        return StaticTableSchema.builder(type)
                .newItemSupplier(newItem)
                .addAttribute(String.class, a -> a.name(OfferTable.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(OfferTable.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                        .tags(primarySortKey()))
                .addAttribute(CapacityOffer.class, a -> a.name("offer").getter(i -> i.offer).setter((i, v) -> i.offer = v)
                        .attributeConverter(DomainConverters.OFFER))
                .addAttribute(Decision.class, a -> a.name("decision").getter(i -> i.decision).setter((i, v) -> i.decision = v)
                        .attributeConverter(DomainConverters.DECISION));
    }
}
