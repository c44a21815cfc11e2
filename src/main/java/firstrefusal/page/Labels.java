package firstrefusal.page;

import firstrefusal.domain.offer.Rule;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.offer.Workload;
import firstrefusal.domain.policy.ProviderKind;
import io.quarkus.qute.TemplateExtension;
import java.util.EnumMap;
import java.util.Map;

/**
 * The codes in plain words, for people reading the page; the codes stay next to them for people searching logs. Every
 * code has its words: {@code LabelsTest} fails on a code added without them. The templates read them as {@code x.label}.
 */
@TemplateExtension
final class Labels {

    private static final Map<Status, String> STATUS = new EnumMap<>(Map.of(
            Status.PENDING_FIRST_REFUSAL, "awaiting the holder",
            Status.APPROVED, "approved: may be taken",
            Status.REJECTED, "rejected: may not be taken",
            Status.MATCHED_BY_HOLDER, "matched: the holder takes it",
            Status.EXPIRED, "expired",
            Status.WITHDRAWN, "withdrawn by the provider"));

    private static final Map<Rule, String> RULE = new EnumMap<>(Map.ofEntries(
            Map.entry(Rule.EXPIRED_ON_ARRIVAL, "expired before it arrived"),
            Map.entry(Rule.HOLDER_CAPACITY, "the holder's own capacity"),
            Map.entry(Rule.AGI_DECLARED, "after AGI was declared"),
            Map.entry(Rule.OUTSIDE_CONTRACT_TERM, "starts after the terms end"),
            Map.entry(Rule.API_CUSTOMER_EXEMPT, "API work for an exempt customer"),
            Map.entry(Rule.API_EXCLUSIVE_TO_HOLDER, "API work stays with the holder"),
            Map.entry(Rule.SELF_BUILD_RESEARCH_TRAINING, "self-built research or training"),
            Map.entry(Rule.APPROVED_EXCEPTION, "a pre-approved exception"),
            Map.entry(Rule.NO_FIRST_REFUSAL, "no first refusal under the version in force"),
            Map.entry(Rule.FIRST_REFUSAL_REQUIRED, "first refusal: the holder may match"),
            Map.entry(Rule.HOLDER_MATCHED, "the holder matched in time"),
            Map.entry(Rule.HOLDER_DECLINED, "the holder declined"),
            Map.entry(Rule.OFFER_EXPIRED, "expired before first refusal was settled"),
            Map.entry(Rule.FIRST_REFUSAL_LAPSED, "the holder let the window lapse"),
            Map.entry(Rule.OFFER_WITHDRAWN, "withdrawn by the provider"),
            Map.entry(Rule.NOTICE_LATE, "the holder was told late: the deadline moves"),
            Map.entry(Rule.RELEASED_BY_AMENDMENT, "released by an amendment"),
            Map.entry(Rule.MATERIAL_CHANGE, "better terms: first refusal again"),
            Map.entry(Rule.NON_MATERIAL_REVISION, "a revision that changes nothing")));

    private static final Map<Workload, String> WORKLOAD = new EnumMap<>(Map.of(
            Workload.API, "API",
            Workload.PRODUCT, "products",
            Workload.TRAINING, "training",
            Workload.RESEARCH, "research"));

    private static final Map<ProviderKind, String> KIND = new EnumMap<>(Map.of(
            ProviderKind.HOLDER, "the holder",
            ProviderKind.THIRD_PARTY, "third party",
            ProviderKind.SELF_BUILD, "self-built"));

    private Labels() {
    }

    static String label(Status status) {
        return STATUS.get(status);
    }

    static String label(Rule rule) {
        return RULE.get(rule);
    }

    static String label(Workload workload) {
        return WORKLOAD.get(workload);
    }

    static String label(ProviderKind kind) {
        return kind == null ? "" : KIND.get(kind);
    }
}
