package firstrefusal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import firstrefusal.functions.WireParsing;
import firstrefusal.offer.ClockSummary;
import firstrefusal.offer.OfferDecider;
import firstrefusal.offer.Status;
import firstrefusal.offer.OfferMessage;
import firstrefusal.offer.OfferRecord;
import firstrefusal.offer.Outcome;
import firstrefusal.policy.Policy;
import firstrefusal.support.FreshTable;
import firstrefusal.support.TableAudit;
import firstrefusal.support.WireMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome a delivery must reach: the same messages, read as the handler reads them, decided once
 * each in event-time order by the same pure decider, each change applied as the store records it. No
 * storage is involved: it is the oracle the DynamoDB runs are held to.
 */
final class OrderedReplay {

    private final Map<String, OfferRecord> records = new TreeMap<>();
    private final OfferDecider decider;

    OrderedReplay(Policy policy, List<OfferMessage> messages) {
        decider = new OfferDecider(policy);
        messages.stream().sorted(Comparator.comparing(OfferMessage::at)).forEach(m -> {
            OfferMessage message = WireParsing.read(WireMessages.json(m));
            OfferRecord before = records.get(message.offerId());
            if (decider.decide(message, Optional.ofNullable(before)) instanceof Outcome.Changed change) {
                records.put(message.offerId(), OfferRecord.after(before, change));
            }
        });
    }

    /** The replayed record of every offer, by offer id. */
    Map<String, OfferRecord> records() {
        return records;
    }

    /** A clock tick over the replayed records, as the service's tick does over the pending index. */
    ClockSummary tick(Instant now) {
        List<String> lapsed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        records.replaceAll((id, record) -> decider.onClock(record.state(), now).map(change -> {
            (change.answer().status() == Status.EXPIRED ? expired : lapsed).add(id);
            return OfferRecord.after(record, change);
        }).orElse(record));
        return new ClockSummary(lapsed, expired, List.of(), null);
    }

    /** The offers still pending first refusal. */
    Set<String> outstanding() {
        return records.values().stream().filter(r -> r.state().isOutstanding()).map(r -> r.state().offerId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every offer is whole in the table and equal to its replayed record: state and every history entry. */
    TableAudit.Report assertTableMatches(FreshTable table) {
        TableAudit.Report audit = table.audit();
        assertThat(audit.problems()).as("offers whose state and history disagree").isEmpty();
        assertThat(audit.offers()).isEqualTo(records.size());
        int historyItems = 0;
        for (OfferRecord expected : records.values()) {
            assertThat(table.store().load(expected.state().offerId()).orElseThrow()).as(expected.state().offerId()).isEqualTo(expected);
            historyItems += expected.history().size();
        }
        assertThat(audit.historyItems()).isEqualTo(historyItems);
        return audit;
    }
}
