package firstrefusal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import firstrefusal.domain.offer.CapacityOffer;
import firstrefusal.domain.offer.ClockSummary;
import firstrefusal.domain.offer.Decision;

/**
 * What {@code decide} answers, and what the page and the events carry of a decision (src/docs/contract.md, "Decisions"):
 * the decision JSON, the clock's summary, an offer's terms. Written field by field: the contract's exact names, no
 * reflection; instants to the second and reasons in words ({@link WireText}).
 */
public final class DecisionJson {

    private DecisionJson() {
    }

    /** The decision JSON of the contract. */
    public static ObjectNode write(Decision d) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        o.put("offerId", d.offerId());
        o.put("revision", d.revision());
        o.put("provider", d.provider());
        o.put("status", d.status().name());
        o.put("rule", d.rule().name());
        o.put("reason", WireText.reason(d.reason()));
        o.put("firstRefusalDeadline", WireText.instant(d.firstRefusalDeadline()));
        o.put("atRisk", d.atRisk());
        o.put("decidedAt", WireText.instant(d.decidedAt()));
        o.put("policyVersion", d.policyVersion());
        o.put("duplicate", d.duplicate());
        o.put("late", d.late());
        // Once recorded: when the product wrote it; for a correction, the entry it follows.
        if (d.recordedAt() != null) {
            o.put("recordedAt", WireText.instant(d.recordedAt()));
        }
        if (d.corrects() != null) {
            o.put("corrects", d.corrects());
        }
        return o;
    }

    public static ObjectNode write(ClockSummary summary) {
        ObjectNode o = WireJson.MAPPER.createObjectNode();
        ArrayNode lapsed = o.putArray("lapsed");
        summary.lapsed().forEach(lapsed::add);
        ArrayNode expired = o.putArray("expired");
        summary.expired().forEach(expired::add);
        ArrayNode released = o.putArray("released");
        summary.released().forEach(released::add);
        ArrayNode reminded = o.putArray("reminded");
        summary.reminded().forEach(reminded::add);
        return o;
    }

    /** An offer's terms, after whatever identifies it in {@code o}: what the holder is asked to match, and when. */
    public static ObjectNode writeTerms(ObjectNode o, CapacityOffer offer) {
        o.put("gpus", offer.gpus());
        o.put("megawatts", offer.megawatts());
        o.put("region", offer.region());
        o.put("workload", offer.workload().name());
        o.put("startDate", offer.startDate().toString());
        o.put("termMonths", offer.termMonths());
        o.put("pricePerGpuHourUsd", offer.pricePerGpuHourUsd());
        o.put("validUntil", WireText.instant(offer.validUntil()));
        o.put("receivedAt", WireText.instant(offer.receivedAt()));
        if (offer.customer() != null) {
            o.put("customer", offer.customer());
        }
        return o;
    }
}
