package firstrefusal.reliability;

import firstrefusal.support.InMemoryRecords;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.adapters.in.WireParsing;
import firstrefusal.domain.fold.Adjudicator;
import firstrefusal.domain.offer.Decision;
import firstrefusal.domain.offer.Delivery;
import firstrefusal.domain.offer.InvalidMessageException;
import firstrefusal.domain.offer.LogItem;
import firstrefusal.domain.offer.OfferRecord;
import firstrefusal.domain.offer.Outcome;
import firstrefusal.domain.offer.Status;
import firstrefusal.domain.policy.Policy;
import firstrefusal.support.FreshTable;
import firstrefusal.support.TableAudit;
import firstrefusal.support.WireMessages;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The outcome every delivery must reach: the same items, messages read as the handler reads them, decided once each in
 * event-time order by the same pure decider, each change applied as the store records it, then a clock tick. No
 * storage is involved: it is the oracle the DynamoDB runs are held to. It is the in-order replay: whatever order
 * delivery takes, each offer must end with the decision this gives it.
 */
final class OrderedReplay {

    private final Map<String, OfferRecord> records = new TreeMap<>();
    private final Set<String> refused = new HashSet<>();
    private final Adjudicator decider;

    OrderedReplay(Policy policy, List<LogItem> items) {
        decider = new Adjudicator(policy);
        items.stream().sorted(Comparator.comparing(LogItem::order)).forEach(item -> {
            LogItem read = item instanceof Delivery d
                    ? new Delivery(WireParsing.read(WireMessages.json(d.message())), d.arrivedAt()) : item;
            OfferRecord before = records.get(read.offerId());
            try {
                if (decider.decide(read, Optional.ofNullable(before), read.effectiveAt()) instanceof Outcome.Changed change) {
                    records.put(read.offerId(), InMemoryRecords.after(before, change));
                }
            } catch (InvalidMessageException e) {
                refused.add(read.offerId() + " " + read.key());
            }
        });
    }

    /** The replayed record of every offer, by offer id. */
    Map<String, OfferRecord> records() {
        return records;
    }

    /** Items the in-order replay refused, as {@code offerId key}: no other order may do better than refuse or keep them without effect. */
    Set<String> refused() {
        return refused;
    }

    /** A clock tick over the replayed records, as the service's tick does over the pending index; the ids it decided. */
    Set<String> tick(Instant now) {
        Set<String> decided = new TreeSet<>();
        records.replaceAll((id, record) -> decider.onClock(record.state(), now, now).map(change -> {
            decided.add(id);
            return InMemoryRecords.after(record, change);
        }).orElse(record));
        return decided;
    }

    /** The offers still pending first refusal. */
    Set<String> outstanding() {
        return records.values().stream().filter(r -> r.state().status() == Status.PENDING_FIRST_REFUSAL)
                .map(r -> r.state().offerId()).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every offer is whole in the table, and ends with the decision the in-order replay gives it: the same status, rule,
     * revision, deadline and effective instant. (Its history may hold more: corrections tell how it got there.)
     */
    TableAudit.Report assertTableMatches(FreshTable table) {
        TableAudit.Report audit = table.audit();
        assertThat(audit.problems()).as("offers whose state and history disagree").isEmpty();
        assertThat(audit.offers()).isEqualTo(records.size());
        for (OfferRecord expected : records.values()) {
            Decision stored = table.store().load(expected.state().offerId()).orElseThrow().state().decision();
            assertThat(stored.sameOutcomeAs(expected.state().decision()))
                    .as("%s ends as %s, in order it ends as %s", expected.state().offerId(), describe(stored),
                            describe(expected.state().decision())).isTrue();
        }
        return audit;
    }

    static String describe(Decision d) {
        return d.status() + " " + d.rule() + " r" + d.revision() + " at " + d.decidedAt() + " (deadline " + d.firstRefusalDeadline() + ")";
    }
}
